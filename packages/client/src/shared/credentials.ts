// Alibaba Cloud credentials, as every layer speaks of them (checked in errors/checks.ts).

/** Alibaba Cloud credentials: a long-term AccessKey pair, or an STS triple with `securityToken`. */
export interface Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string | undefined;
}
