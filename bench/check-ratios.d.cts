export interface RatioFigure {
  name: string;
  appMs: number[];
  bareMs: number[];
  limit: number;
  sameRows?: boolean;
}

export interface RatioVerdict {
  name: string;
  app: number;
  bare: number;
  ratio: number;
  limit: number;
  pass: boolean;
}

export function bestRatio(appMs: number[], bareMs: number[]): number;
export function judgeRatios(figures: RatioFigure[]): RatioVerdict[];
export function shouldMeasureAgain(verdicts: RatioVerdict[], attempt: number, maxAttempts: number): boolean;

export interface RatioSample {
  appMs: number[];
  bareMs: number[];
  sameRows?: boolean;
}

export function judgeWithRetries<F extends { name: string; limit: number }>(
  figures: F[],
  measure: (attempt: number) => RatioSample[],
  maxAttempts: number,
): { verdicts: RatioVerdict[]; attempts: number; pools: (F & { appMs: number[]; bareMs: number[]; sameRows: boolean })[] };
