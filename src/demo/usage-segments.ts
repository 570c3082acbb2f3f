/**
 * Segments of DOMAINS.md §1, in the order of the strict hierarchy: each user is in
 * exactly one per day. The generator tracks them exactly as the detector defines them.
 */
export const SEGMENT_CONTRACT = 0;
export const SEGMENT_PILOT = 1;
export const SEGMENT_HEAVY = 2;
export const SEGMENT_PAYING = 3;
export const SEGMENT_FREE = 4;
