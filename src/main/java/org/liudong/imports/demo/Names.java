package org.liudong.imports.demo;

import java.util.SplittableRandom;

/**
 * Chinese names drawn by surname frequency (the hundred most common surnames with their approximate shares
 * in per mille) and given names of one or two characters typical for men or women born 1950–2010.
 */
final class Names {

    private static final String SURNAMES = """
            王71 李70 张67 刘54 陈45 杨31 黄22 赵21 吴20 周19 徐16 孙15 马15 朱13 胡13 郭12 何12 高11 林11 罗10
            郑10 梁9 谢8 宋8 唐8 许7 韩7 冯7 邓7 曹7 彭6 曾6 肖6 田6 董6 袁5 潘5 于5 蒋5 蔡5 余5 杜5 叶5 程5
            苏4 魏4 吕4 丁4 任4 沈4 姚4 卢4 姜4 崔4 钟4 谭3 陆3 汪3 范3 金3 石3 廖3 贾3 夏3 韦3 付3 方3 白3
            邹3 孟3 熊3 秦3 邱3 江3 尹3 薛3 闫3 段3 雷3 侯3 龙3 史3 陶2 黎2 贺2 顾2 毛2 郝2 龚2 邵2 万2 钱2
            严2 武2 戴2 莫2 孔2 向2 汤2 常2 葛2 牛2 邢2 申2 齐2 耿2 岳2 庞2 樊2 翟2 康2 焦2""";

    private static final String MALE = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波宇浩凯健俊帅斌志国建文东海亮龙林峰成新春永卫红庆" + "宏德兵利忠义金广振江山松晓立福生祥贵宝全胜玉福旭阳";
    private static final String FEMALE = "芳娜敏静丽艳娟霞燕玲英华红梅秀兰萍琳雪倩洁婷颖慧晶莉凤云丹" + "翠桂香玉琴月春荣爱珍芬淑美莹欣悦佳琪雯瑶";

    private static final Weighted<String> SURNAME = surnames();

    private Names() {}

    static String name(String sex, SplittableRandom random) {
        String chars = "1".equals(sex) ? MALE : FEMALE;
        StringBuilder name = new StringBuilder(SURNAME.pick(random));
        name.append(chars.charAt(random.nextInt(chars.length())));
        if (random.nextInt(100) < 78) {
            name.append(chars.charAt(random.nextInt(chars.length())));
        }
        return name.toString();
    }

    private static Weighted<String> surnames() {
        Weighted<String> weighted = new Weighted<>();
        for (String entry : SURNAMES.split("\\s+")) {
            weighted.add(entry.substring(0, 1), Integer.parseInt(entry.substring(1)));
        }
        return weighted;
    }
}
