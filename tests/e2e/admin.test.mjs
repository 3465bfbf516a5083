// Browser tests of the staff screens (管理): the token, importing an edited edition of the
// bundled list, the diff between the two versions, and editing a reviewed matching override,
// against the real `huiqi serve` on a throwaway database.
// Run: in tests/e2e, HUIQI_BINARY=… node --test ./admin.test.mjs

import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  DESKTOP, PHONE, ROOT, assertFitsAndLabelled, createToken, launchBrowser, openPage, screenshot, searchSettled, startServer,
} from './helpers.mjs';

const LIST = 'liaoyang-2023-07-31';
const OLD_TITLE = '建立复工复产帮扶机制';
const NEW_TITLE = '建立复工复产帮扶长效机制';
const EDITED_ITEM = `${LIST}/1`;
const OVERRIDE_ITEM = `${LIST}/5`;  // a bundled entry with a rule and amounts
const WRONG_TOKEN = 'f'.repeat(64);  // well-formed, but no such token

let server;
let browser;
let token;
let tmp;
let editedFile;
let brokenFile;
let brokenLine;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  token = await createToken(server.db, 'e2e-staff');
  // The bundled list with one item's title changed: a new edition with exactly one change.
  const text = await fs.readFile(path.join(ROOT, 'data', `${LIST}.txt`), 'utf8');
  assert.equal(text.split(OLD_TITLE).length, 2, 'the title occurs once in the bundled list');
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'huiqi-e2e-admin-'));
  editedFile = path.join(tmp, 'liaoyang-edited.txt');
  await fs.writeFile(editedFile, text.replace(OLD_TITLE, NEW_TITLE));
  // 序号 1 twice (seq-duplicate) is an error: such a file is refused whole.
  const second = text.indexOf('\n2 对疫情');
  assert.ok(second > 0);
  brokenLine = text.slice(0, second + 1).split('\n').length;
  brokenFile = path.join(tmp, 'liaoyang-broken.txt');
  await fs.writeFile(brokenFile, `${text.slice(0, second)}\n1 ${text.slice(second + 3)}`);
});

after(async () => {
  await browser?.close();
  const died = server?.died();
  const exit = await server?.stop();
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  assert.equal(died, null, `the server died during the tests (${JSON.stringify(died)}):\n${server?.log().slice(-3000)}`);
  if (exit) assert.ok(exit.code === 0 || exit.signal === 'SIGTERM', `server exit: ${JSON.stringify(exit)}`);
});

async function getJson(page, pathAndQuery) {
  const response = await page.request.get(`${server.url}${pathAndQuery}`);
  assert.equal(response.status(), 200, pathAndQuery);
  return response.json();
}

/**
 * The page's errors, less the refusals a test provoked on purpose: `allowed` are [status, path]
 * pairs (Chromium also logs each refused request on the console, without its path).
 */
function noErrors(errors, allowed = []) {
  const unexpected = errors.filter((line) => !allowed.some(([status, where]) =>
    (line.startsWith(`HTTP ${status} `) && new URL(line.split(' ')[2]).pathname.startsWith(where))
    || line.includes(`status of ${status} `)));
  assert.deepEqual(unexpected, [], `the page logged errors:\n${unexpected.join('\n')}`);
}

async function enterToken(page, value) {
  await page.fill('#admin-token', value);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('huiqi.admin-token')), value);
}

/** The overrides as the API lists them, bundled ones included, by item. */
async function overridesByItem(page) {
  const data = await getJson(page, '/api/v1/overrides?include_bundled=true');
  return new Map(data.overrides.map((row) => [row.item, row]));
}

describe('staff screens', () => {
  test('a wrong token: a clear message, nothing imported, nothing else on screen changes', async () => {
    const { context, page, errors } = await openPage(browser);
    try {
      await page.goto(`${server.url}/#/admin/import`);
      await page.locator('h2', { hasText: '导入清单' }).waitFor();
      assert.equal(await page.locator('.site-nav a[aria-current="page"]').innerText(), '管理');
      const listsBefore = await getJson(page, '/api/v1/lists');
      assert.equal(listsBefore.lists[0].latest_version, 1);

      await enterToken(page, WRONG_TOKEN);
      assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing in localStorage');
      assert.equal(await page.getAttribute('#admin-token', 'type'), 'password');
      await page.setInputFiles('#imp-file', editedFile);
      assert.equal(await page.inputValue('#imp-name'), 'liaoyang-edited.txt', 'the file name is filled in');
      await page.fill('#imp-id', LIST);
      const resultBefore = await page.locator('.import-result').innerHTML();
      const refused = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/lists'
        && r.request().method() === 'POST');
      await page.locator('.import-form button[type="submit"]').click();
      const response = await refused;
      assert.equal(response.status(), 401);
      assert.equal(response.request().headers().authorization, `Bearer ${WRONG_TOKEN}`);

      const message = page.locator('.import-form .error-box');
      await message.waitFor();
      assert.match(await message.innerText(), /令牌无效或已撤销.*未作任何更改/);
      assert.equal(await message.getAttribute('role'), 'alert');
      assert.equal(await page.locator('.import-result').innerHTML(), resultBefore, 'no result shown');
      assert.equal(await page.inputValue('#imp-id'), LIST, 'the form keeps what was typed');
      assert.equal(await page.inputValue('#admin-token'), WRONG_TOKEN, 'the token stays to be corrected');
      assert.equal(await page.locator('[aria-invalid="true"]').count(), 0, 'no field blamed');

      // Nothing was imported.
      assert.deepEqual(await getJson(page, '/api/v1/lists'), listsBefore);

      // 退出 forgets the token.
      await page.locator('#admin-logout').click();
      assert.equal(await page.inputValue('#admin-token'), '');
      assert.equal(await page.evaluate(() => sessionStorage.getItem('huiqi.admin-token')), null);
      assert.match(await page.locator('#admin-token-state').innerText(), /已退出/);
      assert.ok(await page.locator('#admin-logout').isDisabled());
      noErrors(errors, [[401, '/api/v1/lists']]);
    } finally {
      await context.close();
    }
  });

  test('a refused file or list id: the server\'s message with its field and lines; nothing imported', async () => {
    const { context, page, errors } = await openPage(browser);
    try {
      await page.goto(`${server.url}/#/admin/import`);
      await page.locator('#imp-file').waitFor();
      const listsBefore = await getJson(page, '/api/v1/lists');
      await enterToken(page, token);

      // A file with an error: 422, its diagnostics with their lines.
      await page.setInputFiles('#imp-file', brokenFile);
      await page.fill('#imp-id', LIST);
      const refused = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/lists'
        && r.request().method() === 'POST');
      await page.locator('.import-form button[type="submit"]').click();
      assert.equal((await refused).status(), 422);
      const message = page.locator('.import-form .error-box');
      await message.waitFor();
      const text = await message.innerText();
      assert.match(text, /导入失败：文件有错误,未作任何更改/);
      assert.ok(text.includes('字段：body') && text.includes(`第 ${brokenLine} 行`), text);
      assert.equal(await page.locator('#import-result-h').innerText(), '文件有错误，未导入');
      const first = await page.locator('.diag-table tbody tr').first().innerText();
      for (const part of ['错误', 'seq-duplicate', `第 ${brokenLine} 行`, '序号1重复']) {
        assert.ok(first.includes(part), `${part} in ${first}`);
      }

      // A list id the server refuses: the message at 清单编号.
      await page.setInputFiles('#imp-file', editedFile);
      await page.fill('#imp-id', 'a/b');
      const badId = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/lists'
        && r.request().method() === 'POST');
      await page.locator('.import-form button[type="submit"]').click();
      assert.equal((await badId).status(), 400);
      await page.locator('#imp-id-error').waitFor();
      assert.match(await page.locator('#imp-id-error').innerText(), /清单编号/);
      assert.equal(await page.getAttribute('#imp-id', 'aria-invalid'), 'true');
      assert.match(await message.innerText(), /字段：id/);

      assert.deepEqual(await getJson(page, '/api/v1/lists'), listsBefore, 'nothing imported');
      noErrors(errors, [[422, '/api/v1/lists'], [400, '/api/v1/lists']]);
    } finally {
      await context.close();
    }
  });

  test('a valid token imports the edited edition: version 2 and every diagnostic shown; search sees it', async () => {
    const { context, page, errors } = await openPage(browser);
    try {
      await page.goto(`${server.url}/#/admin`);
      await page.locator('h2', { hasText: '导入清单' }).waitFor();
      await enterToken(page, token);
      await page.setInputFiles('#imp-file', editedFile);
      await page.fill('#imp-id', LIST);
      const imported = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/lists'
        && r.request().method() === 'POST');
      await page.locator('.import-form button[type="submit"]').click();
      const response = await imported;
      assert.equal(response.status(), 201);
      const params = new URL(response.url()).searchParams;
      assert.equal(params.get('id'), LIST);
      assert.equal(params.get('name'), 'liaoyang-edited.txt');
      // What the server kept of the import: version 2 and its diagnostics.
      const report = await getJson(page, `/api/v1/lists/${LIST}@2`);
      assert.equal(report.version, 2);

      await page.locator('#import-result-h').waitFor();
      assert.equal(await page.locator('#import-result-h').innerText(), `已导入：${LIST} 第 2 版`);
      assert.equal(await page.locator('.import-version').innerText(), '第 2 版(新)');
      assert.equal(await page.locator('.import-items').innerText(), '130 项');
      assert.match(await page.locator('.import-form .form-status').innerText(), /已导入为第 2 版/);

      // Every diagnostic with its code, line and message.
      assert.ok(report.diagnostics.length > 0, 'the bundled list has diagnostics');
      const rows = await page.locator('.diag-table tbody tr').allInnerTexts();
      assert.equal(rows.length, report.diagnostics.length);
      for (const d of report.diagnostics) {
        const wanted = [d.code, `第 ${d.line} 行`, d.message_zh];
        assert.ok(rows.some((row) => wanted.every((part) => row.includes(part))),
          `diagnostic ${d.code} at line ${d.line} shown`);
      }
      assert.ok(rows.some((row) => row.includes('category-count-mismatch') && row.includes('警告')));

      // The lists, the search and the item page read the new version at once.
      const lists = await getJson(page, '/api/v1/lists');
      assert.equal(lists.lists[0].latest_version, 2);
      assert.equal(lists.lists[0].versions.length, 2);
      await page.locator('.site-nav a', { hasText: '搜索' }).click();
      await searchSettled(page);
      const answered = page.waitForResponse((r) => new URL(r.url()).searchParams.get('q') === '帮扶长效');
      await page.fill('#q', '帮扶长效');
      await answered;
      await searchSettled(page);
      assert.equal((await page.locator('.hit-title a').first().innerText()).trim(), NEW_TITLE);
      noErrors(errors);
    } finally {
      await context.close();
    }
  });

  test('版本对比: versions 1 → 2 show exactly the edited item, old → new', async () => {
    const { context, page, errors } = await openPage(browser);
    try {
      await page.goto(`${server.url}/#/admin/diff`);
      await page.locator('.diff-report').waitFor();
      assert.equal(await page.locator('#diff-result-h').innerText(),
        '辽阳市小微企业、个体工商户扶持政策事项清单：第 1 版 → 第 2 版');
      // The newest edition against the one before is chosen on its own.
      assert.equal(await page.inputValue('#diff-from'), `${LIST}@1`);
      assert.equal(await page.inputValue('#diff-to'), `${LIST}@2`);
      assert.equal(await page.locator('#diff-from option').count(), 2);

      const api = await getJson(page, `/api/v1/lists/${LIST}@1/diff/@2`);
      assert.deepEqual(api.summary, { added: 0, removed: 0, changed: 1, unchanged: 129 });
      const counts = await page.locator('.diff-counts li').allInnerTexts();
      assert.deepEqual(counts.map((t) => t.replace(/\s+/g, '')), ['新增0项', '删除0项', '修改1项', '未变129项']);
      assert.equal(await page.locator('.diff-added li').count(), 0);
      assert.equal(await page.locator('.diff-removed li').count(), 0);
      const changed = page.locator('.diff-changed .diff-item');
      assert.equal(await changed.count(), 1);
      assert.equal(await changed.getAttribute('data-id'), EDITED_ITEM);
      assert.deepEqual(await changed.locator('.change').evaluateAll((els) => els.map((el) => el.dataset.field)), ['title']);
      assert.equal(await changed.locator('.change dt').innerText(), '扶持政策事项');
      assert.equal((await changed.locator('.change-old .change-text').innerText()).trim(), OLD_TITLE);
      assert.equal((await changed.locator('.change-new .change-text').innerText()).trim(), NEW_TITLE);
      assert.equal(await changed.locator('.change-new ins').innerText(), '长效', 'the inserted words marked');
      assert.equal(await changed.locator('a').getAttribute('href'), `#/policy/${LIST}/1`);

      // Chosen by hand, the other way round: the change reversed.
      await page.selectOption('#diff-from', `${LIST}@2`);
      await page.selectOption('#diff-to', `${LIST}@1`);
      const again = page.waitForResponse((r) => decodeURIComponent(new URL(r.url()).pathname)
        === `/api/v1/lists/${LIST}@2/diff/${LIST}@1`);
      await page.locator('.diff-form button[type="submit"]').click();
      await again;
      await page.waitForFunction(() => document.querySelector('#diff-result-h')?.textContent.endsWith('第 2 版 → 第 1 版'));
      assert.equal((await page.locator('.diff-changed .change-old .change-text').innerText()).trim(), NEW_TITLE);
      assert.equal(await page.locator('.diff-changed .change-old del').innerText(), '长效');
      assert.ok(decodeURIComponent(page.url()).includes(`from=${LIST}@2`), 'the choice is kept in the address');

      // The same version twice is refused at the field.
      await page.selectOption('#diff-to', `${LIST}@2`);
      await page.locator('.diff-form button[type="submit"]').click();
      assert.match(await page.locator('#diff-to-error').innerText(), /不同的版本/);
      assert.equal(await page.getAttribute('#diff-to', 'aria-invalid'), 'true');
      noErrors(errors);
    } finally {
      await context.close();
    }
  });

  test('复核规则: filter, edit an override and save it; a bad edit is refused at its field', async () => {
    const { context, page, errors } = await openPage(browser);
    try {
      await page.goto(`${server.url}/#/admin/overrides`);
      await page.locator('.ov-table tbody tr').first().waitFor();
      const before = await overridesByItem(page);
      const original = before.get(OVERRIDE_ITEM);
      assert.equal(original.source, 'file');
      assert.equal(await page.locator('.ov-table tbody tr').count(), before.size, 'every entry listed');

      // Filtering.
      await page.fill('#ov-filter', original.entry.clause.slice(0, 12));
      await page.waitForFunction((n) => document.querySelectorAll('.ov-table tbody tr').length < n, before.size);
      const row = page.locator(`.ov-table tr[data-item="${OVERRIDE_ITEM}"]`);
      assert.equal(await row.count(), 1);
      assert.ok((await row.innerText()).includes(original.entry.clause), 'the quoted clause');
      assert.ok((await row.innerText()).includes(original.title), 'the policy');
      assert.ok((await row.innerText()).includes('规则'), 'what it sets');
      await page.selectOption('#ov-kind', 'context');
      assert.equal(await row.count(), 0, 'not a context entry');
      await page.selectOption('#ov-kind', '');
      assert.equal(await row.count(), 1);

      // Edit the note; everything else round-trips unchanged.
      await enterToken(page, token);
      await row.locator('button.ov-edit').click();
      await page.locator('#ov-editor-h').waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'ov-editor-h');
      assert.equal(await page.inputValue('#ov-clause'), original.entry.clause);
      assert.deepEqual(JSON.parse(await page.inputValue('#ov-rule')), original.entry.rule);
      await page.locator('.clause-check.ok').waitFor();
      const note = `${original.entry.note}(e2e 复核)`;
      await page.fill('#ov-note', note);
      const saved = page.waitForResponse((r) => r.request().method() === 'PUT');
      await page.locator('.ov-editor button[type="submit"]').click();
      assert.equal((await saved).status(), 200);
      await page.waitForFunction(() => document.querySelector('.ov-editor .form-status')?.textContent.includes('已保存'));

      const after = await overridesByItem(page);
      const stored = after.get(OVERRIDE_ITEM);
      assert.equal(stored.source, 'store');
      assert.equal(stored.author, 'e2e-staff');
      assert.equal(stored.stale, false);
      assert.deepEqual(stored.entry, { ...original.entry, note });
      assert.equal(after.size, before.size);
      await page.waitForFunction((item) => document.querySelector(`.ov-table tr[data-item="${item}"]`)
        ?.textContent.includes('已在线修改'), OVERRIDE_ITEM);

      // A rule naming no profile field: the server refuses it and the message sits at 规则.
      await page.fill('#ov-rule', '{"field": "nonsense", "is": true}');
      const refused = page.waitForResponse((r) => r.request().method() === 'PUT');
      await page.locator('.ov-editor button[type="submit"]').click();
      const refusal = await refused;
      assert.equal(refusal.status(), 400);
      assert.equal((await refusal.json()).error.field, 'rule');
      const fieldError = page.locator('#ov-rule-error');
      await fieldError.waitFor();
      assert.match(await fieldError.innerText(), /nonsense/);
      assert.equal(await page.getAttribute('#ov-rule', 'aria-invalid'), 'true');
      assert.ok((await page.getAttribute('#ov-rule', 'aria-describedby')).includes('ov-rule-error'));
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'ov-rule');
      assert.match(await page.locator('.ov-editor .error-box').innerText(), /未保存.*字段：规则 rule/);
      // Placed right after the field it names.
      assert.equal(await page.evaluate(() => document.querySelector('#ov-rule').nextElementSibling?.id), 'ov-rule-error');
      assert.deepEqual((await overridesByItem(page)).get(OVERRIDE_ITEM).entry, stored.entry, 'nothing stored');

      // Malformed JSON never leaves the page.
      await page.fill('#ov-rule', '{"all": [');
      let puts = 0;
      page.on('request', (r) => { if (r.method() === 'PUT') puts += 1; });
      await page.locator('.ov-editor button[type="submit"]').click();
      assert.match(await page.locator('#ov-rule-error').innerText(), /不是有效的 JSON/);
      assert.equal(puts, 0);

      // A refused token: only the message.
      await page.fill('#ov-rule', JSON.stringify(original.entry.rule));
      await enterToken(page, WRONG_TOKEN);
      const denied = page.waitForResponse((r) => r.request().method() === 'PUT');
      await page.locator('.ov-editor button[type="submit"]').click();
      assert.equal((await denied).status(), 401);
      await page.waitForFunction(() => /令牌无效/.test(document.querySelector('.ov-editor .error-box')?.textContent ?? ''));
      assert.equal(await page.locator('.ov-editor [aria-invalid="true"]').count(), 0);
      assert.deepEqual((await overridesByItem(page)).get(OVERRIDE_ITEM).entry, stored.entry, 'nothing stored');
      noErrors(errors, [[400, '/api/v1/overrides/'], [401, '/api/v1/overrides/']]);
    } finally {
      await context.close();
    }
  });

  test('keyboard: the token field, the screens and the import form are reachable; focus is visible', async () => {
    const { context, page, errors } = await openPage(browser);
    try {
      await page.goto(`${server.url}/#/admin/import`);
      await page.locator('#imp-file').waitFor();
      await page.focus('#admin-token');
      await page.keyboard.insertText(token);
      const order = [];
      for (let i = 0; i < 12; ++i) {
        await page.keyboard.press('Tab');
        order.push(await page.evaluate(() => {
          const el = document.activeElement;
          return el.id || el.dataset.screen || el.textContent.trim();
        }));
      }
      for (const stop of ['diff', 'overrides', 'imp-file', 'imp-id', 'imp-name', 'imp-format', 'imp-encoding']) {
        assert.ok(order.includes(stop), `Tab reaches ${stop}: ${order.join(' → ')}`);
      }
      // Back to the 版本对比 tab and open it with Enter.
      await page.focus('.admin-tabs a[data-screen="diff"]');
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      assert.notEqual(outline, 'none', 'focus is visible');
      await page.keyboard.press('Enter');
      await page.locator('.diff-report').waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), '版本对比');
      assert.equal(await page.locator('.admin-tabs a[aria-current="page"]').innerText(), '版本对比');
      noErrors(errors);
    } finally {
      await context.close();
    }
  });

  for (const [name, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    test(`${name} (${viewport.width}×${viewport.height}): the staff screens fit and label every control; screenshots`, async () => {
      const { context, page, errors } = await openPage(browser, { viewport });
      try {

        await page.goto(`${server.url}/#/admin/import`);
        await page.locator('#imp-file').waitFor();
        await enterToken(page, token);
        // The same edition again: nothing changes, and the report says so.
        await page.setInputFiles('#imp-file', editedFile);
        await page.fill('#imp-id', LIST);
        await page.locator('.import-form button[type="submit"]').click();
        await page.locator('#import-result-h').waitFor();
        assert.equal(await page.locator('#import-result-h').innerText(), `未作更改：与 ${LIST} 第 2 版相同`);
        await assertFitsAndLabelled(page, 'import');
        await screenshot(page, `${name}-admin-import`);

        await page.locator('.admin-tabs a', { hasText: '版本对比' }).click();
        await page.locator('.diff-report .diff-item').waitFor();
        await assertFitsAndLabelled(page, 'diff');
        await screenshot(page, `${name}-admin-diff`);

        await page.locator('.admin-tabs a', { hasText: '复核规则' }).click();
        await page.locator('.ov-table tbody tr').first().waitFor();
        await assertFitsAndLabelled(page, 'overrides');
        // A few rows under the editor keep the screenshot readable.
        await page.fill('#ov-filter', OVERRIDE_ITEM);
        await page.waitForFunction(() => document.querySelectorAll('.ov-table tbody tr').length < 20);
        await page.locator(`.ov-table tr[data-item="${OVERRIDE_ITEM}"] button.ov-edit`).click();
        await page.locator('#ov-editor-h').waitFor();
        await page.locator('.ov-original-box > summary').click();
        await page.locator('.clause-check.ok').waitFor();
        await assertFitsAndLabelled(page, 'override editor');
        await screenshot(page, `${name}-admin-overrides`);
        assert.equal((await page.request.get(`${server.url}/api/v1/lists`).then((r) => r.json())).lists[0].latest_version, 2);
        noErrors(errors);
      } finally {
        await context.close();
      }
    });
  }
});
