import type { Job, QueryResultsOptions } from '@google-cloud/bigquery';

/** What it took to read a job's results by hand. */
export interface CollectedResults {
  // Rows as the client parses them: BigQueryDate, Big, BigQueryTimestamp… are its classes.
  readonly rows: Record<string, unknown>[];
  /** Answers with jobComplete:false before the first page. */
  readonly pendingAnswers: number;
  /** Pages with jobComplete:true. */
  readonly pages: number;
}

/**
 * Reads every page with `autoPaginate: false`. The client resolves getQueryResults as
 * [rows, nextQuery, apiResponse]; while the job runs it answers jobComplete:false with
 * nextQuery equal to the options given, so without a bound this would spin for ever.
 */
export async function collectResults(job: Job, options: QueryResultsOptions, maxCalls = 50): Promise<CollectedResults> {
  const rows: Record<string, unknown>[] = [];
  let pendingAnswers = 0;
  let pages = 0;
  let next: QueryResultsOptions | null | undefined = { ...options, autoPaginate: false };
  for (let call = 0; call < maxCalls && next; call += 1) {
    const [pageRows, nextQuery, response] = await job.getQueryResults(next);
    if (response?.jobComplete === false) pendingAnswers += 1;
    else {
      pages += 1;
      rows.push(...pageRows);
    }
    next = nextQuery as QueryResultsOptions | null | undefined;
  }
  if (next) throw new Error(`results not complete after ${maxCalls} getQueryResults calls`);
  return { rows, pendingAnswers, pages };
}
