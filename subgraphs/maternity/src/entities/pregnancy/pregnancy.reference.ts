import type { MaternityContext } from "../../context";
import type { Pregnancy } from "../../source/maternity.port";

export interface PregnancyRepresentation {
  __typename: "Pregnancy";
  id: string;
}

/** Through the request's loader: N representations, one query. Null for an id the system does not hold. */
export function resolvePregnancyReference(
  reference: PregnancyRepresentation,
  context: MaternityContext,
): Promise<Pregnancy | null> {
  return context.loaders.pregnancyById.load(reference.id);
}
