import type { GuardedLoaders } from "@ffd/shared";
import type { Centre, ChildrensCentresSource } from "../../source/childrens-centres.port";

/**
 * The centre directory, read at most once per request. A borough has tens of centres, and a
 * household's centre and the centres of the sessions its members attended are asked for at
 * different moments of one request: loading the directory once (instead of batching by code)
 * keeps it to one cc_centre query whatever the timing.
 */
export interface CentreLoader {
  load(code: string): Promise<Centre | null>;
  all(): Promise<Centre[]>;
}

export function createCentreLoader(source: ChildrensCentresSource, guarded: GuardedLoaders): CentreLoader {
  let directory: Promise<{ list: Centre[]; byCode: Map<string, Centre> }> | null = null;
  const read = () => {
    directory ??= guarded
      .run(() => source.allCentres())
      .then((list) => ({
        list,
        byCode: new Map(list.map((c) => [c.code, c])),
      }));
    return directory;
  };
  return {
    async load(code) {
      return (await read()).byCode.get(code) ?? null;
    },
    async all() {
      return (await read()).list;
    },
  };
}
