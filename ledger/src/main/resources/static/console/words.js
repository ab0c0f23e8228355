// Plain words for reviewers and officers: scores, rates, dates and the ledger's refusals.

const fmt = new Intl.NumberFormat('en-GB');

export const number = n => fmt.format(n);

/**
 * "about 1 in N" for a rate in parts per million, N rounded to two significant digits (the court
 * report's wording, verifier CourtSummary.oneIn).
 */
export function oneIn(ppm) {
  if (ppm <= 0) {
    return 'attested as 0 per million (no false match was observed in the measurement; that does not mean one cannot happen)';
  }
  const n = 1_000_000 / ppm;
  if (n < 1.05) return 'about 1 in 1 (every search)';
  return `about 1 in ${fmt.format(Number(n.toPrecision(2)))}`;
}

/** The score paragraph: lower means more alike, against the threshold. */
export function scoreWords(score, threshold) {
  const within = score <= threshold;
  const share = threshold > 0 ? Math.round((100 * score) / threshold) : 0;
  return `Score ${fmt.format(score)} against a threshold of ${fmt.format(threshold)}. `
    + 'The score measures how different the two faces\u2019 templates are: lower means more alike, and 0 would be identical. '
    + (within ? `This score is ${share < 1 ? 'less than 1%' : `${share}%`} of the threshold, so the engine proposed the match.`
      : 'This score is NOT within the threshold: the engine should not have proposed it.');
}

/** The attested false-match rate at the deployed watchlist size, in words. */
export function rateWords(policy, watchlistSearched) {
  if (!policy) return 'No recognition policy was in force at the detection, so no accuracy was attested.';
  const a = policy.accuracy;
  const covered = watchlistSearched <= a.watchlistSize;
  return `Attested false-match rate: ${fmt.format(a.fpirPpm)} per million searches at a watchlist of `
    + `${fmt.format(a.watchlistSize)} entries \u2014 ${oneIn(a.fpirPpm)} searches of a person who is not on the `
    + 'watchlist wrongly proposes someone. This search was against '
    + `${fmt.format(watchlistSearched)} ${watchlistSearched === 1 ? 'entry' : 'entries'}`
    + (covered ? ', which the attestation covers.' : ', MORE than the attestation covers: the real rate may be higher.');
}

export function degrees(e7) {
  return (e7 / 1e7).toFixed(5);
}

export function when(text) {
  const d = new Date(text);
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)} UTC`;
}

/** The warrant's validity in words, relative to now. */
export function validityWords(entry, now = new Date()) {
  const until = new Date(entry.validUntil);
  const from = new Date(entry.validFrom);
  let words = `valid from ${when(entry.validFrom)} until ${when(entry.validUntil)}`;
  if (entry.withdrawn) return words + ' \u2014 WITHDRAWN: acting on it is no longer authorised.';
  if (now >= until) return words + ' \u2014 EXPIRED: acting on it is no longer authorised.';
  if (now < from) return words + ' \u2014 not yet valid.';
  const days = Math.floor((until - now) / 86_400_000);
  return words + ` \u2014 in force, expires in ${days} day${days === 1 ? '' : 's'}.`;
}

const REFUSALS = {
  'insufficient-confirmations': c => 'The ledger refused the action: a match may be acted on only after reviewers '
    + 'confirmed it \u2014 at least two different reviewers (two-person review, rule R1)'
    + (c ? `, and this match has ${c.confirmations} confirmation${c.confirmations === 1 ? '' : 's'}` : '') + '.',
  'duplicate-review': () => 'The ledger refused the review: you have already reviewed this match, and only a reviewer\u2019s first review counts.',
  'unknown-signer': () => 'The ledger refused the event: your key is not enrolled. An authority must sign your enrolment request first.',
  'signer-not-valid': () => 'The ledger refused the event: your key is not valid at this point of the log (revoked, or not yet enrolled).',
  'signer-not-permitted': () => 'The ledger refused the event: your key\u2019s role may not sign it (reviewers review; officers act).',
  'wrong-prev': () => 'The ledger refused the event: someone else added to this match meanwhile. Reload the match and try again.',
  'sequence-gap': () => 'The ledger refused the event: it does not follow the match\u2019s last event. Reload the match and try again.',
  'stream-fork': () => 'The ledger refused the event: someone else added to this match meanwhile. Reload the match and try again.',
  'stream-state': () => 'The ledger refused the event: this match\u2019s record is closed.',
  'bad-signature': () => 'The ledger refused the event: its signature does not verify.',
  'unauthenticated': () => 'The ledger did not accept your access token: paste a valid one.',
  'forbidden': () => 'Your access token\u2019s role may not do this.',
  'event-id-conflict': () => 'The ledger refused the event: its event id was already used. Try again.',
  'unavailable': () => 'The ledger is unavailable at the moment; try again shortly.',
  // Sealed records (the vault, docs/ledger.md §12): each refusal leaves the log unchanged.
  'disclosure-required': () => 'The ledger refused the disclosure: a sealed record is given only to the person whose '
    + 'key signed the disclosure, and your access token is not that person’s (sign in with your own token). '
    + 'No disclosure was recorded.',
  'record-erased': () => 'The ledger cannot show this record: it was erased (its erasure epoch closed and it was not '
    + 'kept for a match, or the time it was kept for ran out). No one can see it any more; no disclosure was recorded.',
  'record-not-stored': () => 'The ledger holds no sealed record for this detection: the camera did not store one in '
    + 'the vault (an older, unsealed detection has none). No disclosure was recorded.',
  'epoch-violation': () => 'The ledger refused the event: the detection is not sealed to an open erasure epoch covering '
    + 'its capture time (rule R5(a)), so its record could not be erased on time.',
};

/** A refusal (a LedgerProblem) in words, followed by the ledger's own detail. */
export function refusalWords(problem, context) {
  const explain = REFUSALS[problem.rule];
  const head = explain ? explain(context) : `The ledger refused the request (${problem.problem.title || problem.status}).`;
  return `${head} The ledger said: \u201c${problem.problem.detail || problem.message}\u201d`;
}
