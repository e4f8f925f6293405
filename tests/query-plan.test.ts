/**
 * What the gateway fetches for the locality 0-5 profile, from the committed supergraph's query
 * plan: one fetch from family-index (the counts), then one from health-visiting (the review
 * rates, by the profile's key), whatever the size of the borough, since the plan depends on the
 * operation only.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { operationFromDocument, Supergraph } from "@apollo/federation-internals";
import { QueryPlanner, type PlanNode, type QueryPlan, type SubscriptionNode } from "@apollo/query-planner";
import { parse } from "graphql";

const supergraph = Supergraph.build(readFileSync(path.join(__dirname, "..", "gateway", "supergraph.graphql"), "utf8"));
const planner = new QueryPlanner(supergraph);

function plan(query: string): QueryPlan {
  return planner.buildQueryPlan(operationFromDocument(supergraph.schema, parse(query)));
}

/** The subgraph of each fetch of a plan, in the order they run. */
function fetches(node: PlanNode | SubscriptionNode | undefined): string[] {
  if (!node) return [];
  switch (node.kind) {
    case "Fetch":
      return [node.serviceName];
    case "Flatten":
      return fetches(node.node);
    case "Sequence":
    case "Parallel":
      return node.nodes.flatMap(fetches);
    default:
      throw new Error(`a plan node the test does not expect: ${node.kind}`);
  }
}

describe("the locality profile's query plan", () => {
  it("fetches family-index once, then health-visiting once for the review rates and registration once for the births registered at a centre", () => {
    const profile = plan(`query LocalityProfile($locality: ID!) {
      localityProfile(locality: $locality) {
        locality { id name }
        underFives births
        reach { children registered rate }
        reachMostDeprived { children registered rate }
        birthsRegisteredWithCentre { children registered rate }
        birthsRegisteredAtCentre { registered atCentre rate }
        reviewPerformance { periodStart periodEnd reviews { review eligible completedInTime rate nationalRate } }
      }
    }`);
    expect(profile.node?.kind).toBe("Sequence");
    expect(fetches(profile.node)).toEqual(["family-index", "health-visiting", "registration"]);
  });

  it("fetches family-index alone when neither the review rates nor the births registered at a centre are asked for", () => {
    const counts = plan(`{ localityProfile(locality: "netherby") { underFives reach { rate } } }`);
    expect(fetches(counts.node)).toEqual(["family-index"]);
  });
});
