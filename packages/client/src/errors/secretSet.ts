// The secrets one client knows (static credentials, and every secret and token a source returns),
// kept here and nowhere else. Remembering one costs nothing on the success path: the forms a secret
// may take in a text, and the removal itself, live in redact.ts, which loads with the first failure.

/** Secrets shorter than this are not searched for on their own (they would match ordinary words). */
export const MIN_SECRET_LENGTH = 4;
/** How many distinct secrets a client remembers (rotation adds one per refresh; the oldest go first). */
const MAX_KNOWN = 16;

/** The secrets one client knows. */
export class SecretSet {
  readonly #known: string[] = [];
  #version = 0;

  /** Remembers a secret (a secret key or token); short or empty values are ignored. */
  add(secret: string | undefined): void {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH || this.#known.includes(secret)) return;
    this.#known.push(secret);
    if (this.#known.length > MAX_KNOWN) this.#known.shift();
    this.#version += 1;
  }

  /** Remembers the secret and the token of credentials. */
  addCredentials(credentials: { accessKeySecret?: unknown; securityToken?: unknown } | undefined): void {
    this.add(credentials?.accessKeySecret as string | undefined);
    this.add(credentials?.securityToken as string | undefined);
  }

  get size(): number {
    return this.#known.length;
  }

  /** What the set holds, and a number that changes whenever that changes (for redact.ts's cache of forms). */
  get known(): { readonly secrets: readonly string[]; readonly version: number } {
    return { secrets: this.#known, version: this.#version };
  }
}
