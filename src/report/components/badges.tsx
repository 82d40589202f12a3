import { t } from './i18n.js';

interface OwnerBadgesProps {
  jurisdiction: string | null;
  prism: boolean;
  categories?: string[];
}

/** Small labels after a company's name: US law, PRISM, tracker categories. */
export function OwnerBadges({ jurisdiction, prism, categories = [] }: OwnerBadgesProps) {
  return (
    <span class="badges">
      {jurisdiction === 'US' && (
        <span class="badge badge-us" title={t('badgeUsTitle')}>
          {t('badgeUs')}
        </span>
      )}
      {prism && (
        <span class="badge badge-prism" title={t('badgePrismTitle')}>
          PRISM
        </span>
      )}
      {categories.map((category) => (
        <span key={category} class="badge badge-category" data-category={category}>
          {t(`category_${category}`)}
        </span>
      ))}
    </span>
  );
}
