// Browser tests of the web page against the real `huiqi serve` on the bundled Liaoyang list.
// Run: scripts/e2e.sh (or, in tests/e2e: npm test, with HUIQI_BINARY pointing at the binary).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fs from 'node:fs/promises';
import {
  DESKTOP, PHONE, assertFitsAndLabelled, launchBrowser, openPage, screenshot, searchSettled, startServer,
} from './helpers.mjs';

const LIST = 'liaoyang-2023-07-31';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  const died = server?.died();
  const exit = await server?.stop();
  // The server ran through every test and stops cleanly on SIGTERM.
  assert.equal(died, null, `the server died during the tests (${JSON.stringify(died)}):\n${server?.log().slice(-3000)}`);
  if (exit) assert.ok(exit.code === 0 || exit.signal === 'SIGTERM', `server exit: ${JSON.stringify(exit)}`);
});

/** Types a query into the search box and waits for its answer to be shown. */
async function search(page, text, { enter = false } = {}) {
  const answered = page.waitForResponse((response) => {
    const url = new URL(response.url());
    return url.pathname === '/api/v1/policies' && url.searchParams.get('q') === text;
  });
  await page.fill('#q', text);
  if (enter) await page.press('#q', 'Enter');
  await answered;
  await searchSettled(page);
}

function noErrors(errors) {
  assert.deepEqual(errors, [], `the page logged errors:\n${errors.join('\n')}`);
}

describe('web page', () => {
  test('search → facet filter → policy page with evidence marked in the original text', async () => {
    const { context, page, errors } = await openPage(browser);
    try {
      await page.goto(`${server.url}/`);
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
      await searchSettled(page);
      await search(page, '房租');
      const hits = page.locator('.hit');
      assert.ok(await hits.count() > 0, 'results for 房租');
      assert.ok(await page.locator('.hit mark.hl').count() > 0, 'matches highlighted with <mark>');
      assert.match(await page.locator('.summary').innerText(), /共 \d+ 项/);

      // Filter on the first category value; every hit then belongs to it.
      const box = page.locator('fieldset.facet input[data-facet="category"]').first();
      const category = await box.inputValue();
      const filtered = page.waitForResponse((r) => r.url().includes('/api/v1/policies?')
        && new URL(r.url()).searchParams.getAll('category').includes(category));
      await box.check();
      await filtered;
      await searchSettled(page);
      assert.ok(decodeURIComponent(page.url()).includes(`category=${category}`), 'filter kept in the address');
      assert.ok(await page.locator('.chip', { hasText: category }).count() === 1, 'filter shown as a chip');
      const metas = await page.locator('.hit .hit-meta').allInnerTexts();
      assert.ok(metas.length > 0);
      for (const meta of metas) assert.ok(meta.includes(category), `${meta} is in ${category}`);

      // Open the first hit.
      const first = page.locator('.hit-title a').first();
      const title = (await first.innerText()).trim();
      await first.click();
      await page.locator('#policy-title').waitFor();
      assert.equal((await page.locator('#policy-title').innerText()).trim(), title);
      assert.ok(await page.locator('.original-table mark.ev').count() > 0, 'evidence marked in the text');
      await screenshot(page, 'desktop-policy-from-search');
      noErrors(errors);
    } finally {
      await context.close();
    }
  });

  test('policy 43: UTF-8 byte offsets land on the right words; facts link to searches', async () => {
    const { context, page, errors } = await openPage(browser);
    try {
      await page.goto(`${server.url}/#/policy/${LIST}/43?as_of=2023-07-31`);
      await page.locator('#policy-title').waitFor();
      assert.equal(await page.locator('#policy-title').innerText(), '国有企业和行政事业单位阶段性减免市场主体房屋租金');
      for (const heading of ['政策类别', '序号', '扶持政策事项', '政策内容', '政策依据', '实施部门']) {
        assert.equal(await page.locator('.original-table th', { hasText: heading }).count(), 1, heading);
      }
      const item = await (await page.request.get(`${server.url}/api/v1/policies/${LIST}/43?as_of=2023-07-31`)).json();
      // Every evidence phrase the API gives is exactly the text the page marks for it.
      const evidence = [
        ...(item.facts.beneficiaries ?? []).map((f, i) => [`who-${i}`, f.evidence]),
        ...(item.facts.amounts ?? []).map((f, i) => [`amount-${i}`, f.evidence]),
        ...(item.facts.documents ?? []).map((f, i) => [`doc-${i}`, f.evidence]),
        ...(item.facts.departments ?? []).map((f, i) => [`dept-${i}`, f.evidence]),
      ].filter(([, ev]) => ev && ev.end > ev.begin);
      assert.ok(evidence.length >= 3, 'item 43 has evidence');
      for (const [id, ev] of evidence) {
        const text = await page.evaluate((wanted) => [...document.querySelectorAll('mark[data-ev]')]
          .filter((m) => m.dataset.ev.split(' ').includes(wanted)).map((m) => m.textContent).join(''), id);
        assert.equal(text, ev.phrase, `${id} marks “${ev.phrase}”`);
      }
      assert.equal(await page.locator('.status-line .badge').innerText(), '有效');
      assert.ok(await page.locator('.original-table mark.ev-who', { hasText: '个体工商户' }).count() >= 1);

      // "原文" outlines the evidence in the text.
      await page.locator('.ev-button[data-show="amount-0"]').click();
      assert.ok(await page.locator('mark.ev-active').count() >= 1);

      // The as-of date changes the status: expired after 2023-12-31.
      const loaded = page.waitForResponse((r) => r.url().includes('as_of=2024-03-01'));
      await page.fill('#policy-as-of', '2024-03-01');
      await page.dispatchEvent('#policy-as-of', 'change');
      await loaded;
      await page.waitForFunction(() => document.querySelector('.status-line .badge')?.textContent === '已过期');

      // The department links to its search.
      await page.locator('.facts a', { hasText: '市住房城乡建设局' }).first().click();
      await page.locator('.chip', { hasText: '市住房城乡建设局' }).waitFor();
      await searchSettled(page);
      assert.ok(await page.locator('.hit').count() >= 1);
      noErrors(errors);
    } finally {
      await context.close();
    }
  });

  test('keyboard: Tab reaches the search box, Enter searches, Enter opens a result', async () => {
    const { context, page, errors } = await openPage(browser);
    try {
      await page.goto(`${server.url}/`);
      await searchSettled(page);
      // Start at the top of the page: the skip link is the first stop.
      await page.focus('.skip-link');
      let reached = false;
      for (let i = 0; i < 8 && !reached; ++i) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement?.id === 'q');
      }
      assert.ok(reached, 'Tab reaches the search box');
      const answered = page.waitForResponse((r) => new URL(r.url()).searchParams.get('q') === '贴息');
      await page.keyboard.insertText('贴息');
      await page.keyboard.press('Enter');
      await answered;
      await searchSettled(page);
      assert.ok(decodeURIComponent(page.url()).includes('q=贴息'));
      assert.ok(await page.locator('.hit mark.hl', { hasText: '贴息' }).count() > 0);

      // Tab onward to "跳到搜索结果", follow it, then Tab to the first result link.
      let onSkip = false;
      for (let i = 0; i < 4 && !onSkip; ++i) {
        await page.keyboard.press('Tab');
        onSkip = await page.evaluate(() => document.activeElement?.matches('.skip-inline') ?? false);
      }
      assert.ok(onSkip, 'a link skips to the results');
      await page.keyboard.press('Enter');
      let onResult = false;
      for (let i = 0; i < 10 && !onResult; ++i) {
        await page.keyboard.press('Tab');
        onResult = await page.evaluate(() => document.activeElement?.matches('.hit-title a') ?? false);
      }
      assert.ok(onResult, 'Tab reaches the results');
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      assert.notEqual(outline, 'none', 'focus is visible');
      const title = await page.evaluate(() => document.activeElement.textContent.trim());
      await page.keyboard.press('Enter');
      await page.locator('#policy-title').waitFor();
      assert.equal((await page.locator('#policy-title').innerText()).trim(), title);
      noErrors(errors);
    } finally {
      await context.close();
    }
  });

  test('questionnaire: a 个体工商户 restaurant renting state-owned premises gets the rent relief in force', async () => {
    const { context, page, errors } = await openPage(browser);
    try {
      await page.goto(`${server.url}/#/match`);
      await page.locator('h1', { hasText: '我能享受哪些政策' }).waitFor();
      await page.locator('#q-entity label', { hasText: '个体工商户' }).click();
      await page.selectOption('#q-industry', 'H62');
      await page.selectOption('#q-region', '211002');
      await page.fill('#q-employees', '5');
      await page.fill('#q-revenue', '60');
      await page.locator('#q-exporter label', { hasText: '否' }).click();
      await page.locator('#q-rents label', { hasText: '是' }).click();

      const ask = async (date) => {
        await page.fill('#q-as-of', date);
        const answered = page.waitForResponse((r) => r.url().includes('/api/v1/match')
          && r.request().method() === 'POST');
        await page.locator('.questionnaire button[type="submit"]').click();
        const response = await answered;
        assert.equal(response.status(), 200);
        await page.locator('#results-h').waitFor();
        await page.waitForFunction((d) => document.querySelector('.match-summary')?.textContent.includes(d), date);
        // Show every item of every group.
        for (const button of await page.locator('.match-group .show-all').all()) await button.click();
        return page.evaluate(() => ({
          eligible: [...document.querySelectorAll('.group-eligible [data-id]')].map((el) => el.dataset.id),
          yes: [...document.querySelectorAll('.group-eligible [data-id], .group-likely [data-id]')]
            .map((el) => el.dataset.id),
          no: [...document.querySelectorAll('.group-not_eligible [data-id]')].map((el) => el.dataset.id),
        }));
      };

      // 2023: item 43 (免除2023年3个月房屋租金) applies; 162 (the 2022 measure) has lapsed.
      const in2023 = await ask('2023-07-31');
      assert.ok(in2023.eligible.includes(`${LIST}/43`), `43 eligible in 2023: ${in2023.eligible.join(', ')}`);
      assert.ok(!in2023.yes.includes(`${LIST}/162`), '162 not listed in 2023');
      const item43 = page.locator(`.match-item[data-id="${LIST}/43"]`);
      assert.ok(await item43.locator('.contact a').count() >= 1, 'whom to contact');
      assert.ok(await item43.locator('.conditions li').count() >= 1, 'reasons');
      await screenshot(page, 'desktop-match-2023');

      // 2022: the 2022 rent measure (162) applies.
      const in2022 = await ask('2022-06-30');
      assert.ok(in2022.eligible.includes(`${LIST}/162`), `162 eligible in 2022: ${in2022.eligible.join(', ')}`);

      // Follow-up questions come from the answer; the likely group shows what to confirm.
      if (await page.locator('.group-likely .match-item').count() > 0) {
        assert.ok(await page.locator('.follow-up-box .question, .follow-up-box .pointers li').count() > 0,
          'follow-up questions for the likely items');
      }
      noErrors(errors);
    } finally {
      await context.close();
    }
  });

  test('export: the XLSX button downloads a workbook of the current result set', async () => {
    const { context, page, errors } = await openPage(browser, { acceptDownloads: true });
    try {
      await page.goto(`${server.url}/`);
      await searchSettled(page);
      await search(page, '贷款');
      const xlsx = page.locator('.export a[data-format="xlsx"]');
      const href = await xlsx.getAttribute('href');
      assert.ok(href.startsWith('/api/v1/export?'), href);
      assert.equal(new URL(href, server.url).searchParams.get('q'), '贷款', 'export uses the search');
      const [download] = await Promise.all([page.waitForEvent('download'), xlsx.click()]);
      const file = await download.path();
      const bytes = await fs.readFile(file);
      assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a ZIP file');
      assert.ok(bytes.length > 2000, `non-trivial size (${bytes.length} bytes)`);
      assert.ok(bytes.includes(Buffer.from('xl/workbook.xml')), 'an Excel workbook');

      // CSV and JSON of the same result set.
      const total = Number((await page.locator('.summary').innerText()).match(/共 (\d+) 项/)[1]);
      const jsonHref = await page.locator('.export a[data-format="json"]').getAttribute('href');
      const json = await (await page.request.get(new URL(jsonHref, server.url).href)).json();
      const rows = Array.isArray(json) ? json : (json.items ?? json.policies ?? json.hits ?? []);
      assert.equal(rows.length, total, 'JSON export has the result set');
      const csvHref = await page.locator('.export a[data-format="csv"]').getAttribute('href');
      const csv = await (await page.request.get(new URL(csvHref, server.url).href)).text();
      assert.ok(csv.includes('扶持政策事项') || csv.includes('title'), 'CSV has its header');
      noErrors(errors);
    } finally {
      await context.close();
    }
  });

  test('statistics: SVG bars that link to the filtered search', async () => {
    const { context, page, errors } = await openPage(browser);
    try {
      await page.goto(`${server.url}/#/stats`);
      await page.locator('svg.bar-chart a.bar').first().waitFor();
      for (const title of ['按政策类别', '按状态', '按实施部门', '按政策文件', '按文件年份']) {
        assert.equal(await page.locator('.chart h2', { hasText: title }).count(), 1, title);
      }
      assert.ok(await page.locator('svg.bar-chart rect.bar-fill').count() >= 10, 'bars drawn');
      const bar = page.locator('svg.bar-chart a.bar-category').first();
      const label = await bar.locator('title').textContent();
      const [value, count] = label.split('：');
      await bar.click();
      await page.locator('.chip', { hasText: value }).waitFor();
      await searchSettled(page);
      assert.match(await page.locator('.summary').innerText(), new RegExp(`共 ${Number.parseInt(count, 10)} 项`));
      noErrors(errors);
    } finally {
      await context.close();
    }
  });

  test('sort, paging and the as-of date drive the search', async () => {
    const { context, page, errors } = await openPage(browser);
    try {
      await page.goto(`${server.url}/`);
      await searchSettled(page);
      const sorted = page.waitForResponse((r) => new URL(r.url()).searchParams.get('sort') === 'seq');
      await page.selectOption('#sort', 'seq');
      await sorted;
      await searchSettled(page);
      const seqs = async () => (await page.locator('.hit .hit-meta').allInnerTexts())
        .map((meta) => Number(meta.match(/序号 (\d+)/)[1]));
      const first = await seqs();
      assert.deepEqual(first, [...first].sort((a, b) => a - b), 'in 序号 order');
      assert.match(await page.locator('.page-of').innerText(), /第 1 \/ \d+ 页/);

      const next = page.waitForResponse((r) => new URL(r.url()).searchParams.get('page') === '2');
      await page.locator('.pager button', { hasText: '下一页' }).click();
      await next;
      await searchSettled(page);
      assert.match(await page.locator('.page-of').innerText(), /第 2 \/ \d+ 页/);
      const second = await seqs();
      assert.ok(second[0] > first.at(-1), 'page 2 continues page 1');
      assert.ok(page.url().includes('page=2'));

      // On 2023-07-31 the 2023 measures are in force; in 2026 they have lapsed.
      const dated = page.waitForResponse((r) => new URL(r.url()).searchParams.get('as_of') === '2023-07-31');
      await page.fill('#as-of', '2023-07-31');
      await page.dispatchEvent('#as-of', 'change');
      await dated;
      await searchSettled(page);
      assert.ok(page.url().includes('as_of=2023-07-31'), 'the date is kept in the address');
      assert.ok(await page.locator('fieldset.facet input[data-facet="status"][value="active"]').count() === 1,
        'some items are in force on 2023-07-31');
      noErrors(errors);
    } finally {
      await context.close();
    }
  });

  test('server text is shown as text: markup in a query never becomes elements', async () => {
    const { context, page, errors } = await openPage(browser);
    try {
      await page.goto(`${server.url}/`);
      await searchSettled(page);
      await search(page, '<img src=x onerror="window.__xss=1">房租');
      assert.equal(await page.locator('main img').count(), 0);
      assert.equal(await page.evaluate(() => window.__xss), undefined);
      noErrors(errors);
    } finally {
      await context.close();
    }
  });

  for (const [name, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    test(`${name} (${viewport.width}×${viewport.height}): every page fits, every control has a label; screenshots`, async () => {
      const { context, page, errors } = await openPage(browser, { viewport });
      try {

        await page.goto(`${server.url}/`);
        await searchSettled(page);
        await search(page, '个体工商户 贷款');
        await assertFitsAndLabelled(page, 'search');
        await screenshot(page, `${name}-search`);

        await page.goto(`${server.url}/#/policy/${LIST}/58`);
        await page.locator('#policy-title').waitFor();
        await page.locator('.facts .fact-block').first().waitFor();
        await assertFitsAndLabelled(page, 'policy');
        await screenshot(page, `${name}-policy`);

        await page.goto(`${server.url}/#/match`);
        await page.locator('#q-entity label', { hasText: '个体工商户' }).click();
        await page.selectOption('#q-industry', 'H62');
        await page.selectOption('#q-region', '211002');
        await page.fill('#q-employees', '5');
        await page.fill('#q-revenue', '60');
        await page.locator('#q-rents label', { hasText: '是' }).click();
        await page.fill('#q-as-of', '2023-07-31');
        await page.locator('.questionnaire button[type="submit"]').click();
        await page.locator('#results-h').waitFor();
        await assertFitsAndLabelled(page, 'match');
        await screenshot(page, `${name}-match`);

        await page.goto(`${server.url}/#/stats`);
        await page.locator('svg.bar-chart a.bar').first().waitFor();
        await assertFitsAndLabelled(page, 'stats');
        await screenshot(page, `${name}-stats`);
        noErrors(errors);
      } finally {
        await context.close();
      }
    });
  }
});
