package org.liudong.indicators;

import org.liudong.shared.DomainException;

/** A submission or decision that the report's state does not allow, e.g. approving a report not submitted. */
public class ApprovalRefused extends DomainException {

    public ApprovalRefused(org.liudong.shared.Refusal refusal) {
        super(refusal);
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String type() {
        return "approval-refused";
    }
}
