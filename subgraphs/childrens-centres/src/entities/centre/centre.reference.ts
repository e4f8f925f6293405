import type { Context } from "../../context";
import type { ChildrensCentre } from "./centre.type";

/** `_entities` for ChildrensCentre: every representation in the call shares one cc_centre query. */
export async function resolveCentreReference(
  representation: { code: string },
  context: Context,
): Promise<ChildrensCentre | null> {
  return context.loaders.centre.load(representation.code);
}
