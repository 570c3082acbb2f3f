import type { DetectorSettings, MinChangeGate, Thresholds } from '../stats/types.js';
import { alertDays, searchGate, searchThreshold, type DayScore, type GateOption, type Trial } from './search.js';

/** One suggestion, as measured on the replayed days before it is verified. */
export interface Proposal<T> {
  readonly kind: 'proposal';
  readonly value: T;
  readonly cleanAlerts: number;
  readonly per30: number | null;
  /** Events found now that this suggestion alone (every other key as configured) would lose. */
  readonly eventsLost: readonly string[];
  /** Labelled days alerting now that it would silence (an event may still be found on another day). */
  readonly labelledSilenced: number;
}

export type Alternative<T> = Proposal<T> | { readonly kind: 'unreachable'; readonly reason: string };

export interface Suggestion {
  /** Null when the key is within budget: nothing to suggest. */
  readonly threshold: Alternative<Thresholds> | null;
  readonly gate: Alternative<MinChangeGate> | null;
  readonly chosen: 'threshold' | 'gate' | null;
}

/** What a trial costs in labelled events, the rest of the domain as configured. */
export type TrialCost = (trial: Trial) => Pick<Proposal<unknown>, 'eventsLost' | 'labelledSilenced'>;

/** Both alternatives for one series × metric, and the one to write. */
export function suggest(days: readonly DayScore[], settings: DetectorSettings, allowed: number, cleanDays: number, cost: TrialCost): Suggestion {
  const proposal = <T>(value: T, trial: Trial): Proposal<T> => {
    const cleanAlerts = alertDays(days.filter((d) => d.clean), trial).length;
    return { kind: 'proposal', value, cleanAlerts, per30: cleanDays === 0 ? null : (cleanAlerts * 30) / cleanDays, ...cost(trial) };
  };
  const t = searchThreshold(days, settings, allowed);
  const threshold = t.kind === 'within_budget' ? null : t.kind === 'unreachable' ? t : proposal(t.value, t.trial);
  const g = searchGate(days, settings, allowed);
  const gate = g.kind === 'within_budget' ? null : g.kind === 'unreachable' ? g : bestGate(g.options.map((option) => ({ option, proposal: proposal(option.value, option.trial) })));
  return { threshold, gate, chosen: choose(threshold, gate) };
}

/**
 * The one that loses fewer labelled events; ties go to the threshold. A raised notice is
 * the detector's own scale: a move still alerts if it is unusual enough for this series,
 * however small, and it keeps its meaning as the series' level drifts. A gate silences
 * every move under its size whatever its z.
 */
export function choose(threshold: Alternative<Thresholds> | null, gate: Alternative<MinChangeGate> | null): Suggestion['chosen'] {
  const t = threshold?.kind === 'proposal' ? threshold : null;
  const g = gate?.kind === 'proposal' ? gate : null;
  if (t === null) return g === null ? null : 'gate';
  if (g === null) return 'threshold';
  return g.eventsLost.length < t.eventsLost.length ? 'gate' : 'threshold';
}

/**
 * Of the gates that reach the budget: fewest events lost, then fewest labelled alert-days
 * silenced, then one direction rather than two (the other keeps alerting as configured),
 * then the lower gate.
 */
function bestGate(candidates: readonly { readonly option: GateOption; readonly proposal: Proposal<MinChangeGate> }[]): Proposal<MinChangeGate> {
  const height = (o: GateOption): number => Math.max(o.value.up ?? 0, o.value.down ?? 0);
  const sorted = [...candidates].sort(
    (a, b) =>
      a.proposal.eventsLost.length - b.proposal.eventsLost.length ||
      a.proposal.labelledSilenced - b.proposal.labelledSilenced ||
      a.option.sides.length - b.option.sides.length ||
      height(a.option) - height(b.option),
  );
  return (sorted[0] as (typeof candidates)[number]).proposal;
}
