// The bundle entry (dist/server.js): the language server over stdio.
import { startLanguageServer } from './server.js';

startLanguageServer();
