/**
 * The few platform globals shared/ may use: Node and browsers both have them, but TypeScript
 * declares them only in lib.dom and @types/node, which tsconfig.shared.json leaves out. Only
 * tsconfig.shared.json reads this file; the other layers get the real declarations.
 */
declare class URL {
  constructor(url: string, base?: string);
  readonly href: string;
  readonly origin: string;
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly host: string;
  readonly hostname: string;
  readonly port: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
}
