package org.liudong.eligibility;

/** The Decree 555 categories a person on the ledger falls into. */
public enum Category {
    /** Did not leave the county of household registration (本地). */
    LOCAL,
    /** Away for a short stay and expected back, Art. 2(1) (短期外出). */
    TEMPORARY,
    /** Moved between districts of one city, Art. 2(2) (人户分离). */
    SEPARATED,
    /** Floating population, adult of childbearing age: in the family-planning scope (流动育龄人员). */
    FLOATING_FP,
    /** Floating population outside the childbearing ages: on the ledger, outside the family-planning scope. */
    FLOATING_OTHER;

    public boolean isFloating() {
        return this == FLOATING_FP || this == FLOATING_OTHER;
    }
}
