import {
  cachedBatch,
  countCacheLookups,
  errorFields,
  type AgencyInvolvement,
  type Cache,
  type IdentityRecord,
  type IsoDate,
  type Logger,
} from "@ffd/shared";
import type {
  AttendedSession,
  Centre,
  CentreHousehold,
  CentreMember,
  ChildrensCentresSource,
} from "./childrens-centres.port";

/** How long the centre directory is served from the cache before the case system is asked again. */
export const CENTRE_DIRECTORY_TTL_SECONDS = 300;
const DIRECTORY_KEY = "centre-directory";

/**
 * The port with a cross-request cache in front of the centre directory: reference data that
 * changes a few times a year and is read on every request. Nothing about a person is cached:
 * members, households and attendance always come from the case system.
 */
export class CachedChildrensCentresSource implements ChildrensCentresSource {
  /** Whether the cache failed last time: the warning is logged once per outage, not per request. */
  private down = false;
  private readonly counted = countCacheLookups("childrens-centres", "allCentres");

  constructor(
    private readonly inner: ChildrensCentresSource,
    private readonly cache: Cache,
    private readonly logger: Logger,
    private readonly ttlSeconds = CENTRE_DIRECTORY_TTL_SECONDS,
  ) {}

  async allCentres(): Promise<Centre[]> {
    const [centres] = await cachedBatch<string, Centre[]>(
      this.cache,
      [DIRECTORY_KEY],
      (k) => k,
      async () => [await this.inner.allCentres()],
      this.ttlSeconds,
      (err) => {
        if (!this.down) this.logger.warn("cache.unavailable", { cache: this.cache.kind, ...errorFields(err) });
        this.down = true;
      },
      (hits, misses, failed) => {
        this.counted(hits, misses, failed);
        if (!failed) this.down = false;
      },
    );
    return centres ?? [];
  }

  membersByRef(memberRefs: readonly string[]): Promise<(CentreMember | null)[]> {
    return this.inner.membersByRef(memberRefs);
  }

  householdsByRef(householdRefs: readonly string[]): Promise<(CentreHousehold | null)[]> {
    return this.inner.householdsByRef(householdRefs);
  }

  attendanceByMember(memberRefs: readonly string[], asOf: IsoDate): Promise<AttendedSession[][]> {
    return this.inner.attendanceByMember(memberRefs, asOf);
  }

  involvements(memberRefs: readonly string[], asOf: IsoDate): Promise<(AgencyInvolvement | null)[]> {
    return this.inner.involvements(memberRefs, asOf);
  }

  identityFeed(after: string | null, limit: number): Promise<IdentityRecord[]> {
    return this.inner.identityFeed(after, limit);
  }

  identityRecords(localIds: readonly string[]): Promise<IdentityRecord[]> {
    return this.inner.identityRecords(localIds);
  }
}
