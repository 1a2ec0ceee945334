// `moat import` through the engine service: `--update` sees the files the model includes as the
// service does, an editor's unsaved text included.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createMoatService } from '../../server/src/service/index.js';

const COMPOSE = `services:
  api:
    image: shop/api:1
    depends_on: [db]
  db:
    image: postgres:16
`;

describe('service: importDeployment', () => {
  it('an update adds what neither the model nor its included files hold, reading an open document over the disk', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-import-service-'));
    fs.writeFileSync(path.join(dir, 'docker-compose.yml'), COMPOSE);
    const model = 'moat: 1\nname: shop\ninclude: [more.moat.yaml]\nservices:\n  web:\n    kind: frontend\n';
    fs.writeFileSync(path.join(dir, 'moat.yaml'), model);
    fs.writeFileSync(path.join(dir, 'more.moat.yaml'), 'services: {}\n');
    const service = createMoatService();
    const update = () => service.importDeployment(['docker-compose.yml'], { cwd: dir, update: model, updatePath: path.join(dir, 'moat.yaml') });

    // On disk the included file holds nothing: both services are added.
    const boundary = path.basename(dir).toLowerCase().replace(/[^a-z0-9-]/g, '-');
    assert.deepEqual(update().added, ['service api', 'service db', `boundary ${boundary}`]);

    // The editor holds `db` in the included file, unsaved: only `api` is new, and its flow names `db`.
    service.setDocument(path.join(dir, 'more.moat.yaml'), 'services:\n  db:\n    kind: database\n', 1);
    const run = update();
    assert.deepEqual(run.added, ['service api', `boundary ${boundary}`]);
    assert.match(run.text, /^ {6}- \{ to: db, protocol: postgres \}$/m);
    assert.doesNotMatch(run.text, /^ {2}db:/m);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
