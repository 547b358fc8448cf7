#!/usr/bin/env node
// npm run bench: council-press at N = 3, 100 and 300 partnerships, side by side with pandoc and
// Marp where they are installed. Prints one table and writes bench/results.json. Timing is
// reported, never asserted: this is a benchmark, not a test.
//   node bench/run.mjs [--sizes 3,100,300] [--runs 3] [--no-peers] [--no-watch] [--no-formats] [--no-seed]
// The cold build runs --runs times (each into an empty output and cache): this 2-core machine
// drifts by ±15 % between identical runs, so one run says little; the table gives the median,
// the range and the CPU time (user + system) of the median run (with an even --runs, the faster
// of the two middle runs: the CPU time must be one run's).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { peerMarkdown, writeCorpus } from './corpus.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'council-press.js');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: process.env.BENCH_SIZES ?? '3,100,300' },
    runs: { type: 'string', default: process.env.BENCH_RUNS ?? '3' },
    'no-peers': { type: 'boolean', default: false },
    'no-watch': { type: 'boolean', default: false },
    'no-formats': { type: 'boolean', default: false },
    'no-seed': { type: 'boolean', default: false },
  },
});
const sizes = values.sizes.split(',').map(Number).filter((n) => n > 0);
const runs = Math.max(1, Math.floor(Number(values.runs)) || 1);
const work = mkdtempSync(join(tmpdir(), 'council-press-bench-'));
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
/** Starts /usr/bin/time's line, found even when the child's own stderr did not end with a newline. */
const TIME_MARK = 'council-press-bench-time';

/** The middle value of numbers sorted ascending; with an even count, the lower of the two middle ones. */
const middle = (sorted) => sorted[Math.floor((sorted.length - 1) / 2)];

/**
 * Runs a command as a whole process: wall seconds, peak RSS (MB) of the process tree's largest
 * member and CPU seconds (user + system, all its threads), the last two from /usr/bin/time.
 */
function measure(cmd, args, env = {}) {
  const started = process.hrtime.bigint();
  const full = TIME ? [TIME, ['-f', `${TIME_MARK} %M %U %S`, cmd, ...args]] : [cmd, args];
  const r = spawnSync(full[0], full[1], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const timed = TIME ? new RegExp(`${TIME_MARK} (\\d+) ([\\d.]+) ([\\d.]+)\\s*$`).exec(r.stderr ?? '') : null;
  const [rssKb, user, system] = timed ? timed.slice(1).map(Number) : [NaN, NaN, NaN];
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return { seconds, rssMb: Number.isFinite(rssKb) ? rssKb / 1024 : null, cpuSeconds: Number.isFinite(user + system) ? user + system : null };
}

function dirSize(dir) {
  let total = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, name.name);
    total += name.isDirectory() ? dirSize(p) : statSync(p).size;
  }
  return total;
}

function has(tool) {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
}

function build(corpus, out, cacheDir, extra = []) {
  return measure(process.execPath, [BIN, 'build', '--content', corpus, '--templates', join(ROOT, 'templates'), '--out', out, '--cache-dir', cacheDir, '--quiet', ...extra]);
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

async function waitFor(predicate, timeoutMs) {
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    if (predicate()) return performance.now() - start;
    await sleep(5);
  }
  return null;
}

/**
 * Edit one partnership while `build --watch` runs; time until its brief/handout, then the deck, change.
 * `afterWarmUp`: a new watch whose start the cache answers; one save once it reports its threads
 * warm (the deck and the combined handout laid out in the background), with the time that took.
 */
async function watchLatency(corpus, out, cacheDir, slug, afterWarmUp = false) {
  // Not --quiet: the status lines are how we know the first build is over ("waiting for changes").
  const child = spawn(process.execPath, [BIN, 'build', '--watch', '--content', corpus, '--templates', join(ROOT, 'templates'), '--out', out, '--cache-dir', cacheDir, '--messages', 'en'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  try {
    const ready = await waitFor(() => /waiting for changes/i.test(output), 180_000);
    if (ready === null) return { error: 'watch did not start', output: output.slice(-2000) };
    let warmMs;
    if (afterWarmUp) {
      warmMs = await waitFor(() => /warmed up/i.test(output), 180_000);
      if (warmMs === null) return { error: 'watch did not report its threads warm', output: output.slice(-2000) };
      warmMs = Math.round(warmMs);
    } else await sleep(300);
    const stamp = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);
    const brief = join(out, 'briefs', `${slug}.docx`);
    const handout = join(out, 'handouts', `${slug}.pdf`);
    const deck = join(out, 'deck.pptx');
    const deckPdf = join(out, 'deck.pdf');
    const council = join(out, 'handouts', 'council.pdf');
    const file = join(corpus, 'partnerships', `${slug}.md`);
    // Three saves: the first after start-up (threads just warmed, the deck's memos still empty),
    // then two more as an author editing along sees them.
    const edits = [];
    for (let i = 0; i < (afterWarmUp ? 1 : 3); i++) {
      const before = [brief, handout, deck, deckPdf, council].map(stamp);
      appendFileSync(file, `\nДобавлено при замере скорости (${i + 1}).\n`);
      const own = await waitFor(() => stamp(brief) !== before[0] && stamp(handout) !== before[1], 30_000);
      const all = own === null ? null : await waitFor(() => stamp(deck) !== before[2] && stamp(deckPdf) !== before[3] && stamp(council) !== before[4], 30_000);
      edits.push({ ownMs: own === null ? null : Math.round(own), deckMs: all === null ? null : Math.round(own + all) });
      await sleep(1000);
    }
    if (afterWarmUp) return { warmMs, ...edits[0] };
    const later = edits.slice(1);
    const median = (xs) => (xs.some((x) => x === null) ? null : middle([...xs].sort((a, b) => a - b)));
    return { first: edits[0], ownMs: median(later.map((e) => e.ownMs)), deckMs: median(later.map((e) => e.deckMs)), edits };
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
  }
}

/** Dates every file and folder below `dir` `seconds` ago: new stamps (and ctimes), the same bytes. */
function age(dir, seconds) {
  const when = (Date.now() - seconds * 1000) / 1000;
  const walk = (path) => {
    if (statSync(path).isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
    utimesSync(path, when, when);
  };
  walk(dir);
}

const results = { machine: { cpus: (await import('node:os')).availableParallelism(), node: process.version }, sizes: [] };

// Node's own start-up in this environment: the floor under every whole-process time below.
results.machine.nodeStartSeconds = middle(Array.from({ length: 7 }, () => measure(process.execPath, ['-e', '0']).seconds).sort((a, b) => a - b));

// The shipped content (content/: 1 deck and its PDF, 3 briefs, 4 handouts), as the README builds it.
if (!values['no-seed']) {
  const out = join(work, 'out-seed');
  const cache = join(work, 'cache-seed');
  const colds = [];
  for (let i = 0; i < runs; i++) {
    rmSync(out, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
    colds.push(build(join(ROOT, 'content'), out, cache));
  }
  const byTime = [...colds].sort((a, b) => a.seconds - b.seconds);
  results.seed = {
    cold: middle(byTime).seconds,
    coldRuns: colds.map((c) => c.seconds),
    coldCpu: middle(byTime).cpuSeconds,
    artifacts: JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).artifacts.length,
    unchanged: build(join(ROOT, 'content'), out, cache).seconds,
  };
  rmSync(out, { recursive: true, force: true });
}

for (const n of sizes) {
  const corpus = join(work, `corpus-${n}`);
  const { slugs } = writeCorpus(corpus, n, ROOT);
  // An author's files were written before the build, not during it: a build does not vouch for an
  // input changed within 2 s (RACY_MS) of looking at it (src/build/build-record.ts).
  await new Promise((resolve) => setTimeout(resolve, 2100));
  const row = { n };
  const out = join(work, `out-${n}`);
  const cache = join(work, `cache-${n}`);
  // Every run from nothing; the last one's output and cache stay for the builds below.
  const colds = [];
  for (let i = 0; i < runs; i++) {
    rmSync(out, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
    colds.push(build(corpus, out, cache));
  }
  const byTime = [...colds].sort((a, b) => a.seconds - b.seconds);
  const cold = middle(byTime);
  row.cold = cold.seconds;
  row.coldRuns = colds.map((c) => c.seconds);
  row.coldCpu = cold.cpuSeconds;
  row.rssMb = Math.max(...colds.map((c) => c.rssMb ?? 0)) || null;
  row.outputBytes = dirSize(out);
  row.artifacts = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).artifacts.length;
  row.perPartnershipMs = (cold.seconds * 1000) / n;
  // Nothing changed: the last build's record of file stamps answers.
  row.unchanged = build(corpus, out, cache).seconds;
  // Same bytes, new stamps (a checkout, a touch): the content-hash cache answers.
  age(corpus, 60);
  row.unchangedRehash = build(corpus, out, cache).seconds;
  if (!values['no-formats']) {
    row.formats = {};
    for (const format of ['pptx', 'docx', 'pdf']) {
      const fout = join(work, `out-${n}-${format}`);
      row.formats[format] = build(corpus, fout, join(work, `cache-${n}-${format}`), ['--format', format]).seconds;
      rmSync(fout, { recursive: true, force: true });
    }
  }
  if (!values['no-watch']) {
    row.watch = await watchLatency(corpus, out, cache, slugs[Math.floor(n / 2)]);
    // A build the cache answers must not vouch for files changed within 2 s (RACY_MS): wait that out.
    await sleep(2100);
    row.watch.afterWarmUp = await watchLatency(corpus, out, cache, slugs[Math.floor(n / 3)], true);
  }
  if (!values['no-peers']) {
    const md = join(work, `peer-${n}.md`);
    writeFileSync(md, peerMarkdown(corpus, slugs));
    row.peers = {};
    if (has('pandoc')) {
      row.peers.pandocPptx = measure('pandoc', [md, '-o', join(work, `peer-${n}.pptx`)]).seconds;
      row.peers.pandocDocx = measure('pandoc', [md, '-o', join(work, `peer-${n}.docx`)]).seconds;
    }
    const marp = join(ROOT, 'node_modules', '.bin', 'marp');
    if (existsSync(marp) && existsSync('/usr/bin/chromium')) {
      row.peers.marpPdf = measure(marp, ['--no-stdin', '--pdf', md, '-o', join(work, `peer-${n}.pdf`)], { CHROME_PATH: '/usr/bin/chromium' }).seconds;
    }
  }
  results.sizes.push(row);
  rmSync(corpus, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
}

const f = (s) => (s === undefined || s === null ? 'n/a' : `${s.toFixed(2)} s`);
const range = (xs) => (xs && xs.length > 1 ? `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)} s` : 'n/a');
const ratio = (a, b) => (a && b ? `${(b / a).toFixed(1)}×` : '');
console.log('\ncouncil-press benchmark (wall time of whole processes, Node start-up included)\n');
console.log(`cold: median of ${runs} run${runs === 1 ? '' : 's'} [fastest–slowest], and the CPU time (user + system) of the median run; peak RSS: the largest of them\n`);
console.log('unchanged: nothing touched (file stamps answer) / every source touched, same bytes (content hashes answer)\n');
const nodeStart = results.machine.nodeStartSeconds;
console.log(`Node alone (node -e 0, median of 7): ${nodeStart.toFixed(3)} s${process.env.NODE_EXTRA_CA_CERTS ? ' (NODE_EXTRA_CA_CERTS is set: Node reads those certificates at every start)' : ''}\n`);
if (results.seed) {
  const sd = results.seed;
  console.log(`seed (content/, ${sd.artifacts} artifacts): cold ${f(sd.cold)} [${range(sd.coldRuns)}], CPU ${f(sd.coldCpu)}; unchanged ${f(sd.unchanged)} (${((100 * sd.unchanged) / sd.cold).toFixed(0)} % of cold)\n`);
}
console.log('   N | artifacts | cold     | cold range    | cold CPU | unchanged     | per partn. | peak RSS | output   | pptx only | docx only | pdf only | watch: own / deck (first save; later saves)');
for (const r of results.sizes) {
  console.log(
    `${String(r.n).padStart(4)} | ${String(r.artifacts).padStart(9)} | ${f(r.cold).padStart(8)} | ${range(r.coldRuns).padStart(13)} | ${f(r.coldCpu).padStart(8)} | ${`${f(r.unchanged)} / ${f(r.unchangedRehash)}`.padStart(13)} | ${`${r.perPartnershipMs.toFixed(1)} ms`.padStart(10)} | ${r.rssMb ? `${r.rssMb.toFixed(0)} MB`.padStart(8) : '     n/a'} | ${`${(r.outputBytes / 1048576).toFixed(1)} MB`.padStart(8)} | ${f(r.formats?.pptx).padStart(9)} | ${f(r.formats?.docx).padStart(9)} | ${f(r.formats?.pdf).padStart(8)} | ${r.watch ? `${r.watch.first?.ownMs ?? 'n/a'} / ${r.watch.first?.deckMs ?? 'n/a'} ms; ${r.watch.ownMs ?? 'n/a'} / ${r.watch.deckMs ?? 'n/a'} ms` : 'skipped'}`,
  );
}
if (results.sizes.some((r) => r.watch?.afterWarmUp)) {
  console.log('\nwatch, first save once the threads report warm (a new watch whose start the cache answered):');
  for (const r of results.sizes) {
    const w = r.watch?.afterWarmUp;
    if (!w) continue;
    console.log(`${String(r.n).padStart(4)} | warm ${w.warmMs ?? 'n/a'} ms after "waiting for changes" | own ${w.ownMs ?? 'n/a'} ms | deck and combined handout ${w.deckMs ?? 'n/a'} ms${w.error ? ` | ${w.error}` : ''}`);
  }
}
if (!values['no-peers']) {
  console.log('\npeers on the same Markdown (our time for the same format | peer | peer ÷ ours):');
  for (const r of results.sizes) {
    const p = r.peers ?? {};
    const line = (name, ours, theirs, installed) => console.log(`${String(r.n).padStart(4)} ${name.padEnd(18)} ${f(ours).padStart(8)} | ${installed ? f(theirs).padStart(8) : 'not installed'} | ${installed ? ratio(ours, theirs) : ''}`);
    line('pandoc md→pptx', r.formats?.pptx, p.pandocPptx, p.pandocPptx !== undefined);
    line('pandoc md→docx', r.formats?.docx, p.pandocDocx, p.pandocDocx !== undefined);
    line('marp md→pdf', r.formats?.pdf, p.marpPdf, p.marpPdf !== undefined);
  }
}
writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote bench/results.json`);
rmSync(work, { recursive: true, force: true });
