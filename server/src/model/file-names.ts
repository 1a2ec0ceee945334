// What a model file is called: the one list the CLI's search, the language server's index, the
// extension's file watcher and the messages are written from. (package.json's `languages`
// contribution repeats it; test/catalogue.test.ts holds the two equal.)

/** Model file names, as globs of one path segment. */
export const MODEL_FILE_PATTERNS = ['*.moat.yaml', '*.moat.yml', 'moat.yaml', 'moat.yml'] as const;

/** Matches a model file's base name. */
export const MODEL_FILE_NAME = /^(?:.+\.)?moat\.ya?ml$/;

/** Globs for every model file under a folder. */
export const MODEL_FILE_GLOBS = MODEL_FILE_PATTERNS.map((p) => `**/${p}`);

/** `*.moat.yaml, *.moat.yml, moat.yaml, moat.yml`, for messages. */
export const MODEL_FILE_LIST = MODEL_FILE_PATTERNS.join(', ');

/** The patterns in one brace glob (`**\/{*.moat.yaml,…}`), for a file watcher; `extra` adds names. */
export function modelFileWatchGlob(extra: readonly string[] = []): string {
  return `**/{${[...MODEL_FILE_PATTERNS, ...extra].join(',')}}`;
}
