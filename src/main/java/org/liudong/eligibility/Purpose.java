package org.liudong.eligibility;

/**
 * Why a person lives away from their household registration: the 2010 census reasons for moving (codes 1–9,
 * PRODUCT §5.6) and the short stays that Decree 555 Art. 2(1) excludes when the person expects to return.
 */
public enum Purpose {
    WORK_BUSINESS("1", "务工经商", false),
    JOB_TRANSFER("2", "工作调动", false),
    STUDY_TRAINING("3", "学习培训", false),
    ACCOMPANYING_FAMILY("4", "随迁家属", false),
    JOINING_RELATIVES("5", "投亲靠友", false),
    DEMOLITION_MOVE("6", "拆迁搬家", false),
    REGISTRATION_ONLY("7", "寄挂户口", false),
    MARRIAGE("8", "婚姻嫁娶", false),
    OTHER("9", "其他", false),
    BUSINESS_TRIP("B1", "出差", true),
    MEDICAL("B2", "就医", true),
    SCHOOLING("B3", "上学", true),
    TOURISM("B4", "旅游", true),
    VISIT_RELATIVES("B5", "探亲", true),
    VISIT_FRIENDS("B6", "访友", true);

    private final String code;
    private final String nameZh;
    private final boolean shortStay;

    Purpose(String code, String nameZh, boolean shortStay) {
        this.code = code;
        this.nameZh = nameZh;
        this.shortStay = shortStay;
    }

    public String code() {
        return code;
    }

    public String nameZh() {
        return nameZh;
    }

    /** One of the purposes of Art. 2(1): 出差、就医、上学、旅游、探亲、访友. */
    public boolean isShortStay() {
        return shortStay;
    }
}
