// Browser checks of a built lernort site, run by tests/browser.rs.
//
//   node tests/browser/run.mjs <built site folder> <screenshot folder>
//
// Serves the folder on 127.0.0.1 (its own small HTTP server), opens every
// .html file in headless Chromium (Debian's, through playwright-core: never a
// downloaded browser) and checks
//   - axe-core (WCAG 2.0/2.1 A and AA) at a desktop and a phone width,
//   - that no request leaves 127.0.0.1 (offsite requests are recorded and aborted),
//   - that no local request fails (4xx/5xx),
//   - print of the home page and of one team member page: navigation and skip
//     link hidden, links in <main> show their URL, no horizontal overflow at the
//     A4 content width, and a real A4 PDF whose text (pdftotext) has an https://
//     URL and neither the skip link nor the main navigation,
// and writes screenshots (home and a project page at 390 and 1280 px, the first
// PDF page of the home page) into the screenshot folder.
//
// Prints ONE JSON object on stdout. Findings are data, not the exit code: the
// exit code is non-zero only when the checks could not run at all (no site,
// browser failed to launch, overall time limit), with the reason on stderr.
//
// Options: --site-url URL, the site's own address (base_url in site.yaml).
// Requests to it (alias pages redirect there, with an absolute URL) are
// answered from the local copy and listed as `ownHost`, not as offsite.
// While a page is checked, it is kept: navigations away from it (e.g. the
// meta refresh of an alias page) are recorded as `redirects` and stopped.
//
// Environment: LERNORT_CHROMIUM (default /usr/bin/chromium),
// LERNORT_BROWSER_WORKERS (pages checked at once, default 2),
// LERNORT_BROWSER_TIMEOUT_MS (the whole run, default 240000),
// LERNORT_BROWSER_DEBUG=1 (progress on stderr).

import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const execFileP = promisify(execFile);

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const VIEWPORTS = [
  { name: '1280', width: 1280, height: 800 },
  { name: '390', width: 390, height: 844 },
];
const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const SKIP_LINK_TEXT = 'Zum Inhalt springen';
const A4_WIDTH_MM = 210;
const PX_PER_MM = 96 / 25.4;
const STEP_TIMEOUT_MS = 20_000; // one navigation, one axe run, one PDF
const WORKERS = Math.max(1, Number(process.env.LERNORT_BROWSER_WORKERS || 2));
const TOTAL_TIMEOUT_MS = Number(process.env.LERNORT_BROWSER_TIMEOUT_MS || 240_000);

const DEBUG = Boolean(process.env.LERNORT_BROWSER_DEBUG);
const T0 = Date.now();
function debug(message) {
  if (DEBUG) process.stderr.write(`run.mjs: ${Date.now() - T0} ms: ${message}\n`);
}

function fail(message) {
  process.stderr.write(`run.mjs: ${message}\n`);
  process.exit(2);
}

const positional = [];
let siteUrl = null;
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--site-url') siteUrl = process.argv[++i];
  else positional.push(process.argv[i]);
}
const [siteArg, outArg] = positional;
if (!siteArg || !outArg) fail('usage: node run.mjs <built site folder> <screenshot folder> [--site-url URL]');
let OWN_ORIGIN = null;
if (siteUrl) {
  try {
    OWN_ORIGIN = new URL(siteUrl).origin;
  } catch {
    fail(`--site-url: not a URL: ${siteUrl}`);
  }
}
const SITE = path.resolve(siteArg);
const OUT = path.resolve(outArg);
const CHROMIUM = process.env.LERNORT_CHROMIUM || '/usr/bin/chromium';

const watchdog = setTimeout(
  () => fail(`gave up after ${TOTAL_TIMEOUT_MS} ms (LERNORT_BROWSER_TIMEOUT_MS)`),
  TOTAL_TIMEOUT_MS,
);
watchdog.unref();

// ---------------------------------------------------------------- server

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.pdf': 'application/pdf',
};

async function statOrNull(file) {
  try {
    return await fs.stat(file);
  } catch {
    return null;
  }
}

async function handle(req, res) {
  let rel;
  try {
    rel = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
  } catch {
    res.writeHead(400).end('bad request');
    return;
  }
  let file = path.join(SITE, rel);
  if (file !== SITE && !file.startsWith(SITE + path.sep)) {
    res.writeHead(403).end('forbidden');
    return;
  }
  let stat = await statOrNull(file);
  if (stat?.isDirectory()) {
    if (!rel.endsWith('/')) {
      res.writeHead(301, { Location: rel + '/' }).end();
      return;
    }
    file = path.join(file, 'index.html');
    stat = await statOrNull(file);
  }
  if (!stat?.isFile()) {
    const notFound = path.join(SITE, '404.html');
    const has404 = (await statOrNull(notFound))?.isFile();
    res.writeHead(404, { 'Content-Type': TYPES['.html'] });
    if (has404 && req.method !== 'HEAD') createReadStream(notFound).pipe(res);
    else res.end('not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
    'Content-Length': stat.size,
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

function startServer() {
  return new Promise((resolve, reject) => {
    const server = createServer((req, res) => {
      handle(req, res).catch((e) => {
        if (!res.headersSent) res.writeHead(500);
        res.end(String(e));
      });
    });
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// ---------------------------------------------------------------- site

async function htmlFiles(dir, prefix = '') {
  const out = [];
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const rel = prefix + e.name;
    if (e.isDirectory()) out.push(...(await htmlFiles(path.join(dir, e.name), rel + '/')));
    else if (e.isFile() && e.name.endsWith('.html')) out.push(rel);
  }
  return out;
}

/** URL path of a built file: `a/b/index.html` -> `/a/b/`, `404.html` -> `/404.html`. */
function urlPath(rel) {
  if (rel === 'index.html') return '/';
  if (rel.endsWith('/index.html')) return '/' + rel.slice(0, -'index.html'.length);
  return '/' + rel;
}

/** The first path under `section` other than the section page itself. */
function firstChild(paths, section, preferred) {
  if (preferred && paths.includes(preferred)) return preferred;
  return paths.find((p) => p.startsWith(section) && p !== section && p.endsWith('/')) ?? null;
}

// ---------------------------------------------------------------- browser

function isLocal(url) {
  if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return true;
  try {
    return new URL(url).hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

function isOwn(url) {
  try {
    return OWN_ORIGIN !== null && new URL(url).origin === OWN_ORIGIN;
  } catch {
    return false;
  }
}

function newLog() {
  return { offsite: new Set(), ownHost: new Set(), redirects: new Set(), broken: new Set(), errors: new Set() };
}

/** Pages whose first navigation has started: later main-frame navigations are stopped. */
const navigated = new WeakSet();

/** Whether a request is a navigation away from the page's first document. */
function leavesPage(req, page) {
  return Boolean(page && req.isNavigationRequest() && req.frame() === page.mainFrame() && navigated.has(page));
}

/** Every request of the context passes here (registered once per context). */
async function router(route, base) {
  const req = route.request();
  const url = req.url();
  const page = req.frame()?.page();
  if (leavesPage(req, page)) {
    // Keep the page under test: an aborted navigation leaves the document as it is.
    return route.abort('aborted');
  }
  if (page && req.isNavigationRequest() && req.frame() === page.mainFrame()) navigated.add(page);
  if (isLocal(url)) return route.continue();
  if (isOwn(url)) {
    // The site's own address: answered from the local copy, nothing leaves the machine.
    const u = new URL(url);
    const response = await route.fetch({ url: base + u.pathname + u.search, maxRedirects: 0 });
    return route.fulfill({ response });
  }
  return route.abort('blockedbyclient');
}

/** A page with its requests recorded (offsite ones are aborted by the router). */
async function openPage(context, viewport, log) {
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  await page.setViewportSize({ width: viewport.width, height: viewport.height });
  page.on('request', (r) => {
    const url = r.url();
    if (r.isNavigationRequest() && r.frame() === page.mainFrame() && page.url() !== 'about:blank') log.redirects.add(url);
    if (isLocal(url)) return;
    if (isOwn(url)) log.ownHost.add(url);
    else log.offsite.add(url);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && isLocal(r.url())) log.broken.add(`${r.status()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    // ERR_ABORTED: a navigation stopped by the router, or a 4xx already recorded.
    const why = r.failure()?.errorText || '';
    if (isLocal(r.url()) && !why.includes('ERR_ABORTED')) log.broken.add(`failed (${why}) ${r.url()}`);
  });
  page.on('pageerror', (e) => log.errors.add(String(e.message || e)));
  page.on('console', (m) => {
    // Failed loads are already recorded as offsite or broken requests.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) log.errors.add(`console: ${m.text()}`);
  });
  return page;
}

async function goto(page, url) {
  const resp = await page.goto(url, { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
  await page.evaluate(() => document.fonts.ready.then(() => true));
  return resp ? resp.status() : 0;
}

async function runAxe(page, axeSource) {
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' '),
        html: n.html.length > 200 ? n.html.slice(0, 200) + '…' : n.html,
        summary: n.failureSummary,
      })),
    }));
  }, AXE_TAGS);
}

/** One page: loaded once, axe at each width, its requests. */
async function checkPage(context, base, file, p, axeSource) {
  const log = newLog();
  debug(`page ${p}`);
  const entry = { path: p, file, url: base + p, status: 0, violations: [] };
  const page = await openPage(context, VIEWPORTS[0], log);
  try {
    entry.status = await goto(page, entry.url);
    for (const [n, vp] of VIEWPORTS.entries()) {
      if (n > 0) {
        // The layout follows the resize; two frames make sure it has.
        await page.setViewportSize({ width: vp.width, height: vp.height });
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      }
      for (const v of await runAxe(page, axeSource)) {
        // The same finding at another width: one entry, both widths.
        const key = v.id + '\n' + v.nodes.map((node) => node.target).join('\n');
        const same = entry.violations.find((w) => w.key === key);
        if (same) same.viewports.push(vp.width);
        else entry.violations.push({ key, viewports: [vp.width], ...v });
      }
    }
  } catch (e) {
    entry.error = e.message.split('\n')[0];
  } finally {
    await page.close();
  }
  for (const v of entry.violations) delete v.key;
  entry.offsite = [...log.offsite];
  entry.ownHost = [...log.ownHost];
  entry.redirects = [...log.redirects];
  entry.broken = [...log.broken];
  entry.errors = [...log.errors];
  return entry;
}

// ---------------------------------------------------------------- print

/** Left and right @page margins in px (0 when the stylesheets set none). */
function pageMarginsInPage() {
  const toPx = (v) => {
    const m = /^(-?[\d.]+)(mm|cm|in|pt|px|pc|q)?$/i.exec((v || '').trim());
    if (!m) return null;
    const n = parseFloat(m[1]);
    const unit = (m[2] || 'px').toLowerCase();
    const f = { px: 1, mm: 96 / 25.4, cm: 96 / 2.54, in: 96, pt: 96 / 72, pc: 16, q: 96 / 101.6 };
    return n * f[unit];
  };
  let left = null;
  let right = null;
  const visit = (rules) => {
    for (const rule of rules) {
      if (rule instanceof CSSPageRule && !rule.selectorText) {
        left = toPx(rule.style.marginLeft) ?? left;
        right = toPx(rule.style.marginRight) ?? right;
      } else if (rule.cssRules) {
        visit(rule.cssRules); // @media print { @page { … } }
      }
    }
  };
  for (const sheet of document.styleSheets) {
    try {
      visit(sheet.cssRules);
    } catch {
      /* cross-origin sheet: cannot be read (and is flagged as offsite anyway) */
    }
  }
  return { left: left ?? 0, right: right ?? 0 };
}

/** Print-media state of the page, computed in the browser. */
function printStateInPage(skipText) {
  const hidden = (el) => {
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return true;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return true;
    const doc = document.documentElement;
    return r.right <= 0 || r.bottom <= 0 || r.left >= doc.scrollWidth;
  };
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (el.classList.length) s += '.' + [...el.classList].join('.');
    const label = el.getAttribute('aria-label');
    if (label) s += `[aria-label="${label}"]`;
    return s;
  };
  const main = document.querySelector('main');
  // Skip links: in-page links before <main>, and any link with the skip text.
  const skipLinks = [...document.querySelectorAll('a[href^="#"]')].filter(
    (a) =>
      !a.closest('main') &&
      ((main && a.compareDocumentPosition(main) & Node.DOCUMENT_POSITION_FOLLOWING) ||
        a.textContent.trim() === skipText),
  );
  const navs = [...document.querySelectorAll('nav')];
  const shownNav = [...navs, ...skipLinks].filter((el) => !hidden(el)).map(describe);

  // The main navigation: the first <nav> outside <main>; its label and link texts.
  const mainNav = navs.find((n) => !n.closest('main')) || null;
  let navLabel = null;
  if (mainNav) {
    navLabel = mainNav.getAttribute('aria-label');
    const by = mainNav.getAttribute('aria-labelledby');
    if (!navLabel && by) {
      navLabel = by
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent.trim() || '')
        .join(' ')
        .trim();
    }
  }
  const navLinks = mainNav
    ? [...mainNav.querySelectorAll('a')].map((a) => a.textContent.replace(/\s+/g, ' ').trim()).filter(Boolean)
    : [];

  // Links in <main> that a reader of paper needs the URL of.
  const here = location.href.split('#')[0];
  const links = main ? [...main.querySelectorAll('a[href]')] : [];
  const printed = [];
  const unprinted = [];
  for (const a of links) {
    if (hidden(a)) continue;
    const href = a.href;
    if (!/^https?:/.test(href)) continue; // mailto:, tel: …
    if (href.split('#')[0] === here && a.getAttribute('href').startsWith('#')) continue; // in-page
    const after = getComputedStyle(a, '::after').content;
    const entry = { text: a.textContent.replace(/\s+/g, ' ').trim().slice(0, 60), href: a.getAttribute('href'), after };
    if (after && after.includes('http')) printed.push(entry);
    else unprinted.push(entry);
  }
  // data-href values that the PDF should show.
  const dataHrefs = links.map((a) => a.getAttribute('data-href')).filter((h) => h && h.startsWith('http'));

  const doc = document.documentElement;
  const overflowing = [];
  if (doc.scrollWidth > doc.clientWidth) {
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > doc.clientWidth + 1 && r.width > 0) overflowing.push(`${describe(el)} (right edge ${Math.round(r.right)} px)`);
      if (overflowing.length >= 8) break;
    }
  }
  return {
    shownNav,
    navCount: navs.length,
    skipLinkCount: skipLinks.length,
    navLabel,
    navLinks,
    printed,
    unprinted,
    dataHrefs,
    scrollWidth: doc.scrollWidth,
    clientWidth: doc.clientWidth,
    overflowing,
  };
}

async function pdfText(pdfFile) {
  const { stdout } = await execFileP('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { timeout: STEP_TIMEOUT_MS });
  return stdout;
}

async function pdfFirstPagePng(pdfFile, pngFile) {
  const prefix = pngFile.replace(/\.png$/, '');
  await execFileP('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdfFile, prefix], {
    timeout: STEP_TIMEOUT_MS,
  });
  return pngFile;
}

async function checkPrint(context, base, name, urlPathname, log, pngName) {
  const result = { name, path: urlPathname, url: base + urlPathname, checks: [] };
  const check = (id, ok, detail) => result.checks.push({ id, ok: Boolean(ok), detail });
  const page = await openPage(context, VIEWPORTS[0], log);
  try {
    await page.emulateMedia({ media: 'print' });
    await goto(page, result.url);
    const margins = await page.evaluate(pageMarginsInPage);
    const width = Math.floor(A4_WIDTH_MM * PX_PER_MM - margins.left - margins.right);
    await page.setViewportSize({ width, height: 1123 });
    const s = await page.evaluate(printStateInPage, SKIP_LINK_TEXT);
    result.a4ContentWidth = width;

    check(
      'navigation-hidden',
      s.shownNav.length === 0,
      s.shownNav.length
        ? `still shown in print: ${s.shownNav.join(', ')}`
        : `${s.navCount} nav element(s) and ${s.skipLinkCount} skip link(s) hidden`,
    );
    const total = s.printed.length + s.unprinted.length;
    check(
      'links-show-url',
      total > 0 && s.unprinted.length === 0,
      total === 0
        ? 'no visible http(s) link in <main> to check'
        : s.unprinted.length
          ? `${s.unprinted.length} of ${total} link(s) in <main> print no URL (::after content without "http"): ` +
            s.unprinted
              .slice(0, 10)
              .map((l) => `"${l.text}" -> ${l.href} (::after ${l.after})`)
              .join('; ')
          : `${total} link(s) print their URL, e.g. ${s.printed[0].after}`,
    );
    check(
      'fits-a4-width',
      s.scrollWidth <= s.clientWidth,
      `scrollWidth ${s.scrollWidth} px, clientWidth ${s.clientWidth} px at the A4 content width ${width} px` +
        (s.overflowing.length ? `; too wide: ${s.overflowing.join(', ')}` : ''),
    );

    const pdfFile = path.join(OUT, `${name}-print.pdf`);
    await page.pdf({ path: pdfFile, format: 'A4', printBackground: false });
    const text = await pdfText(pdfFile);
    result.pdf = pdfFile;
    const flat = text.replace(/\s+/g, ' ');
    const squeezed = text.replace(/\s+/g, '');
    const urls = [...new Set(flat.match(/https:\/\/[^\s)\]"'>]+/g) || [])];
    const shownHref = s.dataHrefs.find((h) => squeezed.includes(h.replace(/\s+/g, '')));
    check(
      'pdf-has-absolute-url',
      urls.length > 0,
      urls.length
        ? `${urls.length} https:// URL(s) in the PDF text, e.g. ${urls.slice(0, 3).join(' ')}` +
            (shownHref ? `; data-href ${shownHref} is printed` : '')
        : 'no https:// URL in the PDF text',
    );
    const leaks = [];
    if (flat.includes(SKIP_LINK_TEXT)) leaks.push(`skip link text "${SKIP_LINK_TEXT}"`);
    if (s.navLabel && flat.includes(s.navLabel)) leaks.push(`navigation label "${s.navLabel}"`);
    // The main navigation's first links in a row: the menu itself was printed.
    if (s.navLinks.length >= 3) {
      const row = s.navLinks.slice(0, 3).join(' ');
      if (flat.includes(row)) leaks.push(`main navigation links "${row}"`);
    }
    check(
      'pdf-without-navigation',
      leaks.length === 0,
      leaks.length
        ? `the PDF text contains the ${leaks.join(' and the ')}`
        : `no skip link text, no navigation label (${s.navLabel ?? 'none'}), no run of menu links`,
    );
    if (pngName) {
      result.pdfPage1 = await pdfFirstPagePng(pdfFile, path.join(OUT, pngName));
    }
    result.pdfPages = (text.match(/\f/g) || []).length;
  } catch (e) {
    check('print-run', false, `could not check: ${e.message.split('\n')[0]}`);
  } finally {
    await page.close();
  }
  return result;
}

// ---------------------------------------------------------------- main

async function main() {
  const started = Date.now();
  if (!(await statOrNull(SITE))?.isDirectory()) fail(`no site folder ${SITE}`);
  await fs.mkdir(OUT, { recursive: true });
  const files = await htmlFiles(SITE);
  if (files.length === 0) fail(`no .html file in ${SITE}`);
  const axeSource = await fs.readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

  const server = await startServer();
  const base = `http://127.0.0.1:${server.address().port}`;

  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: LAUNCH_ARGS,
      timeout: 60_000,
    });
  } catch (e) {
    server.close();
    fail(`Chromium (${CHROMIUM}) failed to launch: ${e.message}`);
  }
  const result = {
    chromium: browser.version(),
    axe: require('axe-core/package.json').version,
    base,
    siteUrl: OWN_ORIGIN,
    tags: AXE_TAGS,
    viewports: VIEWPORTS.map((v) => v.width),
    pages: [],
    print: [],
    screenshots: [],
    durationMs: 0,
  };
  try {
    // A fresh context (own temporary profile) with every offsite request aborted.
    const context = await browser.newContext({ serviceWorkers: 'block', reducedMotion: 'reduce' });
    await context.route('**/*', (route) =>
      router(route, base).catch((e) => {
        if (!/closed|Target|handled/i.test(String(e))) throw e;
      }),
    );
    const paths = files.map(urlPath);

    // Pages in parallel (a few at a time); results in file order.
    result.pages = new Array(files.length);
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const i = next++;
        result.pages[i] = await checkPage(context, base, files[i], paths[i], axeSource);
      }
    };
    await Promise.all(Array.from({ length: Math.min(WORKERS, files.length) }, worker));

    // Screenshots.
    const home = '/';
    const project = firstChild(paths, '/projekte/', '/projekte/lernen-vor-ort/');
    const shots = [
      ['home', home],
      ['projekt', project],
    ];
    for (const [name, p] of shots) {
      for (const vp of [VIEWPORTS[1], VIEWPORTS[0]]) {
        const file = path.join(OUT, `${name}-${vp.width}.png`);
        const shot = { name: `${name}-${vp.width}`, path: p, file };
        if (!p) {
          shot.error = `no page for ${name}`;
        } else {
          const log = newLog();
          const page = await openPage(context, vp, log);
          try {
            await goto(page, base + p);
            await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
          } catch (e) {
            shot.error = e.message.split('\n')[0];
          } finally {
            await page.close();
          }
        }
        result.screenshots.push(shot);
      }
    }

    // Print: the home page and a team member page.
    const member = firstChild(paths, '/team/');
    const printLog = newLog();
    result.print.push(await checkPrint(context, base, 'home', home, printLog, 'home-print-page1.png'));
    if (member) {
      result.print.push(await checkPrint(context, base, 'team', member, printLog, 'team-print-page1.png'));
    } else {
      result.print.push({
        name: 'team',
        path: null,
        checks: [{ id: 'team-member-page', ok: false, detail: 'no page under /team/ other than the section page' }],
      });
    }
    const homePrint = result.print[0];
    result.screenshots.push({
      name: 'home-print-page1',
      path: home,
      file: path.join(OUT, 'home-print-page1.png'),
      ...(homePrint.pdfPage1 ? {} : { error: 'no PDF page image (see the print checks)' }),
    });
    result.printOffsite = [...printLog.offsite];
    result.printBroken = [...printLog.broken];
    result.printErrors = [...printLog.errors];
    await context.close();
  } finally {
    await browser.close();
    server.close();
  }
  result.durationMs = Date.now() - started;
  process.stdout.write(JSON.stringify(result, null, 1) + '\n');
}

main().catch((e) => fail(e.stack || String(e)));
