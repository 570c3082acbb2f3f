/**
 * Dates a run found without any rows (README "Data quality": a late pipeline). The next
 * run re-checks them: when the data has arrived it scores the date and says it was late.
 * Same BigQuery Standard SQL on both state engines, like state-sql.ts.
 */
export const CREATE_DATA_MISSING_TABLE =
  'CREATE TABLE IF NOT EXISTS `monitor_data_missing` (domain STRING, date DATE, noticed_at STRING, status STRING, resolved_at STRING)';

/** Record the date once: a second run on the same late date keeps the first sighting. */
export const RECORD_DATA_MISSING = `MERGE INTO \`monitor_data_missing\` AS t
USING (SELECT @domain AS domain, @date AS date, @now AS noticed_at) AS s
ON t.domain = s.domain AND t.date = s.date
WHEN NOT MATCHED THEN INSERT (domain, date, noticed_at, status, resolved_at) VALUES (s.domain, s.date, s.noticed_at, 'open', NULL)`;

export const OPEN_DATA_MISSING = `SELECT CAST(date AS STRING) AS date, noticed_at FROM \`monitor_data_missing\`
WHERE domain = @domain AND status = 'open' ORDER BY date`;

/** arrived: scored by a later run; expired: too old for a run to re-check (outside its history window). */
export const CLOSE_DATA_MISSING =
  'UPDATE `monitor_data_missing` SET status = @status, resolved_at = @now WHERE domain = @domain AND date = @date AND status = \'open\'';
