import { buildFederatedSchema } from "@ffd/shared";
import type { GraphQLSchema } from "graphql";
import { AccessReportResolver } from "./access-report.resolver";
import { AuditEventResolver } from "./audit-event.resolver";
import { BreakGlassReviewResolver } from "./break-glass-review.resolver";

/** The audit subgraph's federated schema (committed as gateway/audit.graphql by `npm run compose`). */
export function buildAuditSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: [AuditEventResolver, AccessReportResolver, BreakGlassReviewResolver] });
}
