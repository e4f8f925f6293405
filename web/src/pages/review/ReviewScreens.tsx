import { useState } from "react";
import { Link } from "../../router";
import type { Session } from "../../session";
import { LinkQueuePage } from "./LinkQueuePage";
import { PairReview } from "./PairReview";

export interface ReviewScreenProps {
  session: Session;
  search: string;
  onSignedOut: (message: string) => void;
}

/**
 * The data steward's link review (role data-steward, purpose direct-care), loaded only when
 * opened: the queue of candidate pairs, and one pair side by side with the evidence. The
 * message of a decision just made is kept here, so it shows on the queue the pair has left.
 */
export default function ReviewScreens({ pair, ...props }: ReviewScreenProps & { pair: string | null }) {
  const [done, setDone] = useState<string | null>(null);
  if (pair) return <PairReview key={pair + props.search} id={pair} onDecided={setDone} {...props} />;
  return <LinkQueuePage key={props.search} done={done} {...props} />;
}

/** The way back to the queue, at the page of the queue the pair was listed on. */
export function QueueLink({ after }: { after: string | null }) {
  return <Link href={after ? `/review?after=${encodeURIComponent(after)}` : "/review"}>Back to the queue</Link>;
}
