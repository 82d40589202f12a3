import { generate } from 'selfsigned';

export interface Certificate {
  key: string;
  cert: string;
}

/**
 * A throw-away self-signed certificate for the loopback fixture server, made in memory
 * each run so that no private key is ever committed. Browsers are told to accept it
 * (`ignoreHTTPSErrors` / `acceptInsecureCerts`); the SANs only make logs readable.
 */
export async function makeCertificate(hosts: string[] = []): Promise<Certificate> {
  const altNames = [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, ...hosts.map((value) => ({ type: 2, value }))];
  const notAfter = new Date();
  notAfter.setDate(notAfter.getDate() + 7);
  const pems = await generate([{ name: 'commonName', value: 'Upstream fixture server' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'subjectAltName', altNames },
    ],
  } as Parameters<typeof generate>[1]);
  return { key: pems.private, cert: pems.cert };
}
