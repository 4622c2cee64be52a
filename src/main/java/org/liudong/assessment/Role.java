package org.liudong.assessment;

/** The two roles a county plays in the exchange, and the figures that belong to both. */
public enum Role {
    /** 流入地: where people live now. */
    INFLOW,
    /** 流出地/户籍地: where people come from. */
    HOME,
    BOTH
}
