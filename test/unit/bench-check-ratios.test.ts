import fc from 'fast-check';
import { bestRatio, judgeRatios, judgeWithRetries, shouldMeasureAgain, type RatioVerdict } from '../../bench/check-ratios.cjs';

// The quick bench's verdict (`node bench/run.mjs --check`), without timing anything: the times
// here are made up, so the decision alone is under test.

const figure = (appMs: number[], bareMs: number[], limit: number, sameRows = true) => ({ name: 'aging', appMs, bareMs, limit, sameRows });

describe('bestRatio', () => {
  it('compares the fastest run of each side, so a slow outlier on either side changes nothing', () => {
    expect(bestRatio([12, 40, 13], [10, 11, 90])).toBeCloseTo(1.2);
    expect(bestRatio([12], [10, 11, 9.6])).toBeCloseTo(1.25);
  });

  it('refuses to judge without a time on each side', () => {
    expect(() => bestRatio([], [10])).toThrow(/at least one time/);
    expect(() => bestRatio([10], [])).toThrow(/at least one time/);
  });

  it('is the best app time over the best bare time for any samples (oracle: sorting)', () => {
    const times = fc.array(fc.double({ min: 0.01, max: 10_000, noNaN: true }), { minLength: 1, maxLength: 50 });
    fc.assert(
      fc.property(times, times, (app, bare) => {
        const first = (xs: number[]) => [...xs].sort((a, b) => a - b)[0];
        expect(bestRatio(app, bare)).toBeCloseTo(first(app) / first(bare), 9);
      }),
    );
  });
});

describe('judgeRatios', () => {
  it('passes a ratio at or under its limit and fails one past it', () => {
    const [under, at, past] = judgeRatios([figure([11.9], [10], 1.2), figure([12], [10], 1.2), figure([12.1], [10], 1.2)]);
    expect([under.pass, at.pass, past.pass]).toEqual([true, true, false]);
    expect(past).toMatchObject({ app: 12.1, bare: 10, limit: 1.2 });
    expect(past.ratio).toBeCloseTo(1.21);
  });

  it('fails a fast report whose rows differ from bare SQL', () => {
    const [v] = judgeRatios([figure([5], [10], 1.2, false)]);
    expect(v.pass).toBe(false);
    expect(v.ratio).toBeCloseTo(0.5);
  });

  it('judges each figure against its own limit', () => {
    const verdicts = judgeRatios([figure([11.5], [10], 1.2), figure([11.5], [10], 1.1)]);
    expect(verdicts.map((v) => v.pass)).toEqual([true, false]);
  });
});

describe('shouldMeasureAgain', () => {
  const verdict = (ratio: number, limit: number, pass = ratio <= limit): RatioVerdict => ({ name: 'aging', app: ratio * 10, bare: 10, ratio, limit, pass });

  it('measures again only while a ratio is past its limit and attempts are left', () => {
    expect(shouldMeasureAgain([verdict(1.1, 1.2), verdict(1.3, 1.2)], 1, 5)).toBe(true);
    expect(shouldMeasureAgain([verdict(1.1, 1.2), verdict(1.3, 1.2)], 5, 5)).toBe(false);
    expect(shouldMeasureAgain([verdict(1.1, 1.2), verdict(0.9, 1.0)], 1, 5)).toBe(false);
  });

  it('never measures again when rows differ: no timing can mend a wrong report', () => {
    expect(shouldMeasureAgain([verdict(0.5, 1.2, false), verdict(1.3, 1.2)], 1, 5)).toBe(false);
  });

  it('pooling attempts: a regression fails every attempt, a one-off slow run passes on the next', () => {
    const run = (attempts: { appMs: number[]; bareMs: number[] }[]) => {
      const seen: number[] = [];
      const { verdicts, attempts: n, pools } = judgeWithRetries([{ name: 'aging', limit: 1.2 }], (attempt) => (seen.push(attempt), [attempts[attempt - 1]]), attempts.length);
      return { pass: verdicts[0].pass, attempts: n, seen, pooled: pools[0].appMs.length };
    };
    const slowNeighbour = [{ appMs: [30, 28], bareMs: [10, 11] }, { appMs: [11, 12], bareMs: [10, 10.5] }, { appMs: [11, 11], bareMs: [10, 10] }];
    expect(run(slowNeighbour)).toEqual({ pass: true, attempts: 2, seen: [1, 2], pooled: 4 });
    const regression = [{ appMs: [15, 16], bareMs: [10, 11] }, { appMs: [14.5, 15], bareMs: [10, 10.5] }, { appMs: [15, 15.2], bareMs: [10, 10] }];
    expect(run(regression)).toEqual({ pass: false, attempts: 3, seen: [1, 2, 3], pooled: 6 });
  });

  it('wrong rows end the check at once, without another attempt', () => {
    const samples = [
      [{ appMs: [10], bareMs: [10], sameRows: false }, { appMs: [15], bareMs: [10] }],
      [{ appMs: [10], bareMs: [10] }, { appMs: [10], bareMs: [10] }],
    ];
    const { verdicts, attempts } = judgeWithRetries(
      [
        { name: 'today', limit: 1.2 },
        { name: 'historical', limit: 1.1 },
      ],
      (attempt) => samples[attempt - 1],
      2,
    );
    // Wrong rows end the check at once: no second attempt, the slow figure is judged as it stands.
    expect(attempts).toBe(1);
    expect(verdicts.map((v) => v.pass)).toEqual([false, false]);
  });
});
