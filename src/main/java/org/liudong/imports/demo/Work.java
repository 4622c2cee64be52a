package org.liudong.imports.demo;

import java.util.SplittableRandom;

/**
 * Occupations and employers of working-age migrants, mostly manual and service work as the briefing finds;
 * employer names are made from trade names, the street the person lives in and the kind of business.
 */
final class Work {

    /** An occupation and its employer, either of which may be absent. */
    record Job(String occupation, String employer) {}

    private record Kind(String occupation, String[] employers) {}

    private static final String[] TRADE = {
        "鑫盛", "华远", "金鼎", "永顺", "宏达", "恒通", "兴业", "京西", "瑞丰", "德润", "万家", "福源", "隆昌", "广和", "聚源",
        "顺发", "嘉禾", "天成", "安泰", "利民", "盛世", "东方", "新华", "佳美", "惠民", "长青", "金港", "世纪", "宏图", "百合"
    };

    private static final Weighted<Kind> KINDS = new Weighted<Kind>()
            .add(kind("建筑工人", "北京{T}建筑工程有限公司", "北京{T}建设集团{S}项目部"), 12)
            .add(kind("装修工", "北京{T}装饰工程有限公司", "{T}装修队"), 6)
            .add(kind("餐厅服务员", "{S}{T}餐厅", "{T}酒楼", "{T}快餐店"), 10)
            .add(kind("厨师", "{S}{T}餐厅", "{T}酒楼", "{T}饺子馆"), 5)
            .add(kind("保洁员", "北京{T}物业管理有限公司", "{S}{T}保洁服务部"), 6)
            .add(kind("保安员", "北京{T}保安服务有限公司"), 6)
            .add(kind("售货员", "{T}超市{S}店", "{S}农贸市场", "{T}便利店"), 8)
            .add(kind("个体经营", "个体（蔬菜摊位）", "个体（水果摊位）", "个体（小吃店）", "个体（服装摊位）", "个体（五金店）"), 10)
            .add(kind("快递员", "{T}快递{S}营业部", "北京{T}速递有限公司"), 4)
            .add(kind("司机", "北京{T}运输有限公司", "北京{T}出租汽车有限公司"), 4)
            .add(kind("家政服务员", "北京{T}家政服务有限公司", "个人家庭"), 4)
            .add(kind("美容美发师", "{T}美发店", "{T}美容美发中心"), 3)
            .add(kind("维修工", "{T}汽车维修中心", "{S}{T}家电维修部"), 3)
            .add(kind("搬运装卸工", "北京{T}物流有限公司", "{S}农贸市场"), 3)
            .add(kind("生产工人", "北京{T}机械厂", "北京{T}食品有限公司", "北京{T}印刷厂"), 5)
            .add(kind("废品回收", "个体（废品回收）"), 2)
            .add(kind("办公室职员", "北京{T}科技有限公司", "北京{T}商贸有限公司"), 4)
            .add(kind("专业技术人员", "北京{T}科技有限公司", "北京{T}信息技术有限公司"), 3)
            .add(kind("教师", "{S}打工子弟学校", "{T}幼儿园"), 1)
            .add(kind("医护人员", "{T}诊所", "{S}社区卫生服务站"), 1);

    private Work() {}

    /** A job for a person of this age and sex living in the street whose short name is given. */
    static Job job(int age, String sex, String street, SplittableRandom random) {
        if (age < 6) {
            return new Job("学龄前儿童", null);
        }
        if (age < 16) {
            return new Job("学生", null);
        }
        if (age >= 60) {
            return new Job(random.nextInt(3) == 0 ? "离退休人员" : "无业", null);
        }
        int roll = random.nextInt(100);
        if (age < 19 && roll < 30) {
            return new Job("学生", null);
        }
        if ("2".equals(sex) && roll < 9) {
            return new Job("料理家务", null);
        }
        if (roll >= 96) {
            return new Job("待业", null);
        }
        Kind kind = KINDS.pick(random);
        String employer = Weighted.any(java.util.List.of(kind.employers()), random)
                .replace("{T}", TRADE[random.nextInt(TRADE.length)])
                .replace("{S}", street);
        return new Job(kind.occupation(), employer);
    }

    private static Kind kind(String occupation, String... employers) {
        return new Kind(occupation, employers);
    }
}
