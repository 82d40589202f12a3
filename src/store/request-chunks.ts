/** Every stored request, spelt out, in chunks of ascending id: what the requests CSV writes (report/export/requests-csv.ts). */
import type { UpstreamDb } from './db.js';
import { decodeRequest, lookups, type RecordedRequest } from './decode.js';
import type { HostVerdict, IpFacts } from './visit-facts.js';

/** A request with the verdicts on who received it and where its server stood. */
export interface ClassifiedRequest {
  request: RecordedRequest;
  /** its host's verdict, when the host is known */
  receiver: HostVerdict | undefined;
  /** its server address's verdict, when an address was seen */
  server: IpFacts | undefined;
}

export async function* requestChunks(db: UpstreamDb, size: number): AsyncGenerator<ClassifiedRequest[]> {
  const [hosts, ips, visits] = await Promise.all([db.hosts.toArray(), db.ips.toArray(), db.visits.toArray()]);
  const refs = lookups(hosts, ips, visits);
  const ipByAddress = new Map(ips.map((i) => [i.a, i]));
  let after = 0;
  for (;;) {
    const rows = await db.requests.where(':id').above(after).limit(size).toArray();
    if (rows.length === 0) return;
    yield rows.map((row) => {
      const request = decodeRequest(row, refs);
      return { request, receiver: refs.hosts.get(row.h), server: request.ip ? ipByAddress.get(request.ip) : undefined };
    });
    after = rows[rows.length - 1]!.id!;
    if (rows.length < size) return;
  }
}
