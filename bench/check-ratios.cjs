// The quick bench's verdict (`node bench/run.mjs --check`): the app's time over bare SQL's, both
// measured in the same process on the same file, against a limit. CommonJS so that the jest
// tests can require it as well as bench/run.mjs import it.

/**
 * Best time over best time: noise on a shared machine (other processes, a collection started
 * by the run before) only ever adds time, so the fastest run of each side is the closest to what
 * the code itself costs, and their ratio moves only when the code does.
 */
function bestRatio(appMs, bareMs) {
  if (appMs.length === 0 || bareMs.length === 0) throw new Error('bestRatio needs at least one time on each side');
  return Math.min(...appMs) / Math.max(Math.min(...bareMs), 0.001);
}

/**
 * One verdict per figure: `{ name, appMs, bareMs, limit, sameRows }` → `{ name, app, bare, ratio,
 * limit, pass }`, where app and bare are the best times. A figure whose rows differ from bare
 * SQL's fails whatever its time: a fast wrong report is no pass.
 */
function judgeRatios(figures) {
  return figures.map((f) => {
    const ratio = bestRatio(f.appMs, f.bareMs);
    return { name: f.name, app: Math.min(...f.appMs), bare: Math.min(...f.bareMs), ratio, limit: f.limit, pass: f.sameRows !== false && ratio <= f.limit };
  });
}

/**
 * Whether to measure again before giving a verdict: only while something fails and attempts are
 * left. The samples of every attempt are pooled, so a real regression fails every attempt while a
 * run slowed by a neighbour gets another chance. Wrong rows never earn a retry.
 */
function shouldMeasureAgain(verdicts, attempt, maxAttempts) {
  return attempt < maxAttempts && verdicts.some((v) => !v.pass) && verdicts.every((v) => v.pass || v.ratio > v.limit);
}

/**
 * The whole check: `measure(attempt)` gives one sample per figure (`{ appMs, bareMs, sameRows }`),
 * added to that figure's pool, and the pools are judged, measured again while
 * shouldMeasureAgain says so. → `{ verdicts, attempts, pools }`.
 */
function judgeWithRetries(figures, measure, maxAttempts) {
  const pools = figures.map((f) => ({ ...f, appMs: [], bareMs: [], sameRows: true }));
  for (let attempt = 1; ; attempt++) {
    measure(attempt).forEach((m, i) => {
      pools[i].appMs.push(...m.appMs);
      pools[i].bareMs.push(...m.bareMs);
      pools[i].sameRows = pools[i].sameRows && m.sameRows !== false;
    });
    const verdicts = judgeRatios(pools);
    if (!shouldMeasureAgain(verdicts, attempt, maxAttempts)) return { verdicts, attempts: attempt, pools };
  }
}

module.exports = { bestRatio, judgeRatios, shouldMeasureAgain, judgeWithRetries };
