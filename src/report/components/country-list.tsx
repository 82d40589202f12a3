import { format } from './format.js';

interface CountryListProps {
  countries: { country: string; count: number; label: string }[];
  testId: string;
}

/** Countries by their name in the reader's language (no flag: see locale-format.ts). */
export function CountryList({ countries, testId }: CountryListProps) {
  const f = format();
  return (
    <ul class="countries" data-testid={testId}>
      {countries.map(({ country, count, label }) => (
        <li key={country} data-country={country} data-count={count}>
          <span class="country-name">{f.country(country)}</span> <span class="muted">{label}</span>
        </li>
      ))}
    </ul>
  );
}
