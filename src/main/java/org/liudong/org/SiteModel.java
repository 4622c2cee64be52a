package org.liudong.org;

/**
 * The four service models (四种模式) of a service site, each with its working principle: a community station
 * manages people through the station (以站管人), a building and a market through the employers (以业管人), a
 * rented basement through the housing (以房管人).
 */
public enum SiteModel {
    COMMUNITY("以站管人"),
    BUILDING("以业管人"),
    MARKET("以业管人"),
    BASEMENT("以房管人");

    private final String principle;

    SiteModel(String principle) {
        this.principle = principle;
    }

    /** The working principle in Chinese, shown from the model. */
    public String principle() {
        return principle;
    }
}
