import type { Channel } from '../../shared/ipc/channels';
import type { ParsedRequest, ResponseOf } from '../../shared/ipc/contract';

/** A channel's handler: gets the parsed request (defaults applied), resolves to the response. */
export type Handler<C extends Channel> = (request: ParsedRequest<C>) => Promise<ResponseOf<C>>;

/** The handlers of one domain: exactly the channels named `${domain}:…`. */
export type DomainHandlers<D extends string> = { [C in Extract<Channel, `${D}:${string}`>]: Handler<C> };

export type AllHandlers = { [C in Channel]: Handler<C> };
