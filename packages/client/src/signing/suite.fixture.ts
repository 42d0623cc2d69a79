// Known-answer vectors for the whole signer. The first is the published vector of the official
// SDK's V3 signature; the others were computed with @alicloud/openapi-core 1.0.8
// (OpenApiUtil.getAuthorization) and frozen here, so they run without the oracle.
export interface KnownAnswer {
  name: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  credentials: { accessKeyId: string; accessKeySecret: string; securityToken?: string };
  date: string;
  nonce: string;
  canonicalQuery: string;
  signedHeaders: string;
  signature: string;
}

export const KNOWN_ANSWERS: KnownAnswer[] = [
  {
    name: 'official vector: reserved and non-ASCII query value, empty value, extra x-acs header',
    method: 'GET',
    url:
      'https://opensearch.cn-hangzhou.aliyuncs.com/v4/openapi/app-groups/my_app/functions/ctr_model/instances' +
      "?pageSize=10&output=normal&pageNumber=1&source=a%20b*!'()~%C3%A9%2B%26%3D&empty=",
    headers: { 'user-agent': 'ua', accept: 'application/json', 'x-acs-credentials-provider': 'static_ak' },
    credentials: { accessKeyId: 'testAK', accessKeySecret: 'testSecret' },
    date: '2024-01-01T00:00:00Z',
    nonce: 'nonce-1',
    canonicalQuery: 'empty=&output=normal&pageNumber=1&pageSize=10&source=a%20b%2A%21%27%28%29~%C3%A9%2B%26%3D',
    signedHeaders:
      'host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version',
    signature: '81e0647ecdbf69b723920b0f8c823e9385eb47ae51bebb503698f23d7ec5a99a',
  },
  {
    name: 'STS credentials, CJK and emoji path segments, a `*` encoded as %2A',
    method: 'GET',
    url: 'https://opensearch.cn-shanghai.aliyuncs.com/v4/openapi/app-groups/%E6%90%9C%E7%B4%A2/functions/%F0%9F%94%8E%2A/instances?source=all&pageSize=20',
    headers: { accept: 'application/json' },
    credentials: { accessKeyId: 'STS.NTest', accessKeySecret: 'stsSecret', securityToken: 'CAISsecurityToken==' },
    date: '2025-06-30T12:34:56Z',
    nonce: '3f2c9a1e-0b7d-4e55-9a61-2c0f9d8e7b10',
    canonicalQuery: 'pageSize=20&source=all',
    signedHeaders:
      'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version',
    signature: '84c6ce62ac7f8a21356cc9ad483a59f4c3a8ea51e0c6a3198cde93e462227732',
  },
  {
    name: 'POST with a UTF-8 JSON body and content-type, host with a port',
    method: 'POST',
    url: 'http://127.0.0.1:8080/v4/openapi/app-groups/app/functions/ctr/instances?dryRun=true',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: '{"name":"inst_é","cron":"0 3 ? * 0,1"}',
    credentials: { accessKeyId: 'testAK', accessKeySecret: 'testSecret' },
    date: '2024-12-31T23:59:59Z',
    nonce: 'nonce-post',
    canonicalQuery: 'dryRun=true',
    signedHeaders: 'content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
    signature: 'f78025eb6acb04a8a506c911e14526171a572c704d32fd1276dea8a3306476d2',
  },
];
