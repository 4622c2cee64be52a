-- The indicators' descriptions in English, the second language of the pages (the names had one from the start).
-- A definition added later without one shows its Chinese description in English too.
alter table indicator_definition add column description_en text;

update indicator_definition d
set description_en = e.description
from (values
    ('LEDGER_COVERAGE', 'Floating persons in the sites'' ledgers updated or verified within a year, as a share of the sites'' estimated floating population'),
    ('SITES_WITH_ACTIVITY', 'Sites that held at least one service activity in the period, as a share of all sites'),
    ('SITE_ROLLOUT', 'Sites brought under the standard set-up by the end of the period, as a share of all sites'),
    ('HEALTH_LECTURES', 'Health lectures held by the sites in the period (one a month in every street)'),
    ('CERT_CHECKED_30D', 'Floating persons of childbearing age who arrived in the period and whose marriage-and-childbearing certificate was checked and filed within 30 days of arrival'),
    ('FLOATING_FP', 'Floating persons of childbearing age living here at the end of the period'),
    ('FLOATING_FP_MARRIED_WOMEN', 'Married floating women of childbearing age living here at the end of the period'),
    ('FLOATING_ALL', 'Floating persons living here at the end of the period, of childbearing age or not'),
    ('POLICY_AWARENESS', 'Floating persons in the sample survey who know the family-planning policy, as a share of those surveyed'),
    ('FREE_SERVICE', 'Floating persons of childbearing age who received free basic family-planning services where they live'),
    ('FREE_PREGNANCY_CHECK', 'Married floating women of childbearing age who received a free pregnancy and IUD check'),
    ('FREE_CONTRACEPTIVES', 'Married floating persons of childbearing age who received free contraceptives'),
    ('PREPREGNANCY_SERVICE', 'Married floating women of childbearing age who received a free pre-pregnancy eugenic health check')
) as e(code, description)
where d.code = e.code;
