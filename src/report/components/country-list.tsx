import { flagOf, format } from './format.js';

interface CountryListProps {
  countries: { country: string; count: number; label: string }[];
  testId: string;
}

/** Countries with their flag and name in the reader's language. */
export function CountryList({ countries, testId }: CountryListProps) {
  const f = format();
  return (
    <ul class="countries" data-testid={testId}>
      {countries.map(({ country, count, label }) => (
        <li key={country} data-country={country} data-count={count}>
          <span aria-hidden="true" class="flag">
            {flagOf(country)}
          </span>{' '}
          <span class="country-name">{f.country(country)}</span> <span class="muted">{label}</span>
        </li>
      ))}
    </ul>
  );
}
