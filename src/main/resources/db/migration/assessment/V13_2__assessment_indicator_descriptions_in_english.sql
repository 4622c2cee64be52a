-- The assessment's indicators' descriptions in English (indicators V10_3 added the column).
update indicator_definition d
set description_en = e.description
from (values
    ('EXCH_NOTIFIED_15WD', 'Floating persons of childbearing age registered in the period whose inflow notice went to their place of household registration within 15 working days'),
    ('EXCH_ANSWERED', 'Requests for assistance, verification and queries due in the period that were answered'),
    ('EXCH_ANSWERED_ON_TIME', 'Requests for assistance, verification and queries due in the period that were answered within their deadline'),
    ('EXCH_ACCURACY', 'Answers sent in the period that were neither corrected nor disputed')
) as e(code, description)
where d.code = e.code;
