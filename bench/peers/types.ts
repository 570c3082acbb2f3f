import type { IsoDate } from '../../src/dates/iso-date.js';

/** A peer's verdict on one day: its z-score. Peers have no severities, only a threshold on |z|. */
export interface PeerScore {
  readonly z: number;
}

/**
 * A detector the default is compared with in `npm run bench:detect`: a pure function of
 * one daily series and a date, null when its own method cannot score that day (no value,
 * too little history, an undefined z). Peers live in bench/, not src/: they exist to be
 * measured against, never to run in production.
 */
export type PeerDetector = (values: ReadonlyMap<IsoDate, number>, date: IsoDate) => PeerScore | null;

export interface Peer {
  /** Row label in the tables, without the threshold. */
  readonly name: string;
  readonly score: PeerDetector;
  /** A day flags when |z| is strictly above the threshold; one table row per threshold. */
  readonly thresholds: readonly number[];
}
