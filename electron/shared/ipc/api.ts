/**
 * The shape of `window.keysmith`, derived from the contract: `keysmith.<domain>.<action>(request)`
 * for every channel, resolving to an IpcResult, plus `on(event, callback)`. Types only.
 */
import type { Channel, EventName } from './channels';
import type { EventPayloads, RequestOf, ResponseOf } from './contract';
import type { IpcResult } from './result';

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;

/** Channels whose request may be left out take an optional argument. */
type Args<C extends Channel> = undefined extends RequestOf<C> ? [request?: RequestOf<C>] : [request: RequestOf<C>];

export type ChannelFunction<C extends Channel> = (...args: Args<C>) => Promise<IpcResult<ResponseOf<C>>>;

export type KeysmithApi = {
  readonly [D in DomainOf<Channel>]: {
    readonly [C in Channel as C extends `${D}:${infer A}` ? A : never]: ChannelFunction<C>;
  };
} & {
  /** Subscribes to a push event; the callback gets the payload only. Returns the unsubscribe. */
  on<E extends EventName>(event: E, callback: (payload: EventPayloads[E]) => void): () => void;
};
