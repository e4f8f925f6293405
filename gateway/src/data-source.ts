import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import {
  agencyUnavailable,
  errorFields,
  REQUEST_ID_HEADER,
  SERVICES,
  type Logger,
  type ServiceName,
} from "@ffd/shared";
import type { GatewayContext } from "./context";

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  timeoutMs: number;
  logger: Logger;
  /** Called once per request sent to this subgraph (tests assert which subgraphs were asked). */
  onRequest?: (service: string) => void;
}

/**
 * Calls one subgraph. Passes the request id on, and turns any failure to reach the subgraph
 * (refused, timed out, 5xx, garbage) into AGENCY_UNAVAILABLE naming the agency, so the rest
 * of the answer still comes back and no URL or stack trace reaches the client.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly service: ServiceName;

  constructor(private readonly options: SubgraphDataSourceOptions) {
    super({
      url: options.url,
      fetcher: ((input: string, init?: RequestInit) =>
        fetch(input, {
          ...init,
          signal: AbortSignal.timeout(options.timeoutMs),
        })) as unknown as RemoteGraphQLDataSource["fetcher"],
    });
    if (!(SERVICES as readonly string[]).includes(options.name)) {
      throw new Error(`unknown subgraph in the supergraph: ${options.name}`);
    }
    this.service = options.name as ServiceName;
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const requestId = "requestContext" in options ? options.context?.requestId : undefined;
    if (requestId) options.request.http?.headers.set(REQUEST_ID_HEADER, requestId);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    this.options.onRequest?.(this.service);
    try {
      return await super.process(options);
    } catch (err) {
      const requestId = "requestContext" in options ? options.context?.requestId : undefined;
      this.options.logger.warn("subgraph.unavailable", {
        subgraph: this.service,
        requestId,
        ...errorFields(err),
        stack: undefined,
      });
      throw agencyUnavailable(this.service);
    }
  }
}
