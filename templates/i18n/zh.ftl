# factbrief 界面文字:中文。
# Fluent 语法:https://projectfluent.org/fluent/guide/
# 这里的每条消息也必须出现在 en.ftl 中;某一语言缺少的消息会改用另一语言,
# 并在构建时给出警告。以 { $n } 传入的数字按中文习惯书写(20万)。

## Site
nav-label = 网站导航
nav-briefings = 简报
nav-audit = 核查总表
nav-feed = 订阅
lang-label = 语言
lang-both = 双语
skip-to-content = 跳到正文
footer-about = 由 factbrief { $version } 生成。每个数字都与带出处的记录比对;记录及其出处见各实体页面。
footer-credit = 记录包含 Epoch AI 的《Data on AI Models》与《Machine Learning Hardware》数据(CC BY 4.0 许可)。
nav-about = 关于
about-title = 关于本站及其记录
about-what = factbrief 从文章中提取每一个加速器数量说法,与经过整理、注明出处的记录逐一比对,并说明记录是支持、否定、归属于其他对象,还是存在争议。
about-record = 记录是一份整理过的芯片、机构、模型与集群数据集,每条事实都注明出处。目前收录 { $models } 个模型与集群、{ $chips } 种芯片。
about-epoch = 大部分模型条目以及标注为“Epoch AI”的事实,来自 Epoch AI 的《Data on AI Models》与《Machine Learning Hardware》数据表,依照知识共享署名 4.0(CC BY 4.0)许可使用。引用:Epoch AI,“Data on AI Models”与“Machine Learning Hardware”,epoch.ai。
about-verdicts = 结论:属实(在记录容差内)、与记录不符(超出容差或芯片不同)、归属有误(数字属于相关的模型或集群)、存在争议(记录的来源彼此不一致,或把混合数字说成单一芯片)、无从核实(没有可比对的记录)。

## Index
index-title = AI算力说法核查
index-lede = 共{ $articles }篇文章、{ $claims }项加速器数量说法,逐一与带出处的记录比对。
index-verdicts = 全部说法的核查结论
index-briefings = 简报(最新在前)
index-empty = 尚无简报:把Markdown文章放进articles文件夹后重新构建。
index-entities = 模型、芯片与集群
n-claims = { $n }项说法
n-disagree = { $n }项与记录不符

## Verdicts
verdict-supported = 属实
verdict-supported-means = 与记录相符(在容差内)
verdict-contradicted = 与记录不符
verdict-contradicted-means = 超出容差,或芯片不同
verdict-misattributed = 归属有误
verdict-misattributed-means = 数字属于相关的另一实体
verdict-disputed = 存在争议
verdict-disputed-means = 记录的来源之间不一致
verdict-unverified = 无从核实
verdict-unverified-means = 记录中没有可比对的数据

## Counts, roles, properties
count-exact = { $n }
count-about = 约{ $n }
count-range = { $n }至{ $max }
role-trained = 训练
role-cluster = 集群
role-planned = 计划
role-purchased = 采购
role-deployed = 部署
role-other = 其他
statement = { $subject }{ $role ->
    [trained] 训练使用
    [cluster] 集群规模
    [planned] 计划部署
    [purchased] 采购
    [deployed] 部署
   *[other] :
  }{ $approx ->
    [yes] 约{ $n }
   *[no] { $n }
  }块{ $chip }
statement-nosubject = { $approx ->
    [yes] 约{ $n }
   *[no] { $n }
  }块{ $chip }({ $role })
property-training-chip = 训练芯片
property-training-chip-count = 训练所用芯片数
property-training-gpu-hours = GPU小时
property-training-cost-usd = 训练成本
property-parameters = 参数量
property-active-parameters = 激活参数量
property-training-tokens = 训练词元数
property-training-compute = 训练算力
property-training-time-hours = 训练时长
property-cluster-chip-count = 集群规模
property-planned-chip-count = 计划规模
status-official = 官方
status-reported = 媒体报道
status-estimate = 估算
status-press-claim = 媒体说法
kind-model = 模型
kind-chip = 芯片
kind-organisation = 机构
kind-cluster = 集群

## Dates: 2025年4月10日
date-ymd = { $year }年{ $m }月{ $day }日
date-ym = { $year }年{ $m }月
date-y = { $year }年
month-1 = 一月
month-2 = 二月
month-3 = 三月
month-4 = 四月
month-5 = 五月
month-6 = 六月
month-7 = 七月
month-8 = 八月
month-9 = 九月
month-10 = 十月
month-11 = 十一月
month-12 = 十二月

## Generated headlines and summaries
list-sep = 、
headline-who-none = AI算力
headline-who-two = { $a }与{ $b }
headline-who-more = { $a }、{ $b }等
headline = { $who }:核查{ $n }项算力说法
headline-findings = { $who }:核查{ $n }项算力说法,{ $findings }
headline-contradicted = { $n }项与记录不符
headline-misattributed = { $n }项归属有误
headline-disputed = { $n }项存在争议
summary-none = 本文没有可核查的加速器数量说法。
summary-generated = 本文{ $n }项算力说法已与记录比对:{ $parts }。
summary-part-supported = { $n }项属实
summary-part-contradicted = { $n }项与记录不符
summary-part-misattributed = { $n }项归属有误
summary-part-disputed = { $n }项存在争议
summary-part-unverified = { $n }项无从核实

## Briefing
briefing-kicker = 算力说法核查
title-original = 原标题
title-generated = 标题由核查结果自动生成。
title-original-is = 原标题({ $orig_lang ->
    [zh] 中文
   *[other] 英文
  }):
source = 来源:
citing = 引述{ $who }
claims-heading = 说法与结论
claims-none = 本文没有可核查的加速器数量说法。
in-article = 见原文
record = 记录:
record-also = 记录中另有:
record-none = 数据集中没有可比对的记录。
conflicts-heading = 文内矛盾
references-heading = 参考资料
reference-article = 原文:
reference-for = (用于第{ $notes }项)
article-heading = 原文(标注版)
article-hint = 每项说法按结论颜色加下划线。将鼠标悬停其上,或用Tab键移到其上,即可查看记录。

## Audit
audit-title = 核查总表
audit-lede = { $n ->
    [0] 尚无说法。
   *[other] 全部{ $n }项说法,按结论分组,需要处理的排在前面。
  }
audit-filter = 筛选
audit-all = 全部
audit-group-empty = 没有这一结论的说法。
audit-sort-hint = 启用JavaScript时,点击表头即可按该列排序。
col-article = 文章
col-date = 日期
col-claim = 说法
col-subject = 主体
col-count = 数量
col-record = 记录
col-source = 出处
col-verdict = 结论
col-property = 属性
col-status = 性质
col-as-of = 截至

## Entity
entity-aliases = 别名
entity-lede = { $n ->
    [0] 尚无文章给出其数量。
   *[other] 简报中共有{ $n }项相关说法,其中{ $disagree }项与记录不一致。
  }
entity-month-lede = { $n ->
    [0] 本月尚无文章给出其数量。
   *[other] 本月简报中共有{ $n }项相关说法,其中{ $disagree }项与记录不一致。
  }
entity-claims = 各文章的说法(按时间先后)
entity-no-claims = 尚无文章给出数量。
entity-record = 记录
entity-no-record = 数据集中没有其加速器数量记录。

## Charts
chart-compare-title = 声称与记录的加速器数量(对数坐标)
chart-verdicts-title = 按结论统计的说法
chart-timeline-title = 关于{ $name }的说法随时间的变化与记录对比
chart-claimed = 声称
chart-no-record = 无可比对的记录
chart-recorded = 记录
chart-claimed-key = 文中说法(颜色表示结论)
chart-recorded-key = 记录
chart-log-note = 对数坐标:每条网格线是前一条的十倍。
chart-timeline-key = 圆点:按文章日期排列的说法,颜色表示结论。虚线:记录。

## Archive (large sites)
index-archive = 按月归档
index-more = 此处列出最新的{ $n }篇简报;更早的见下方归档。
archive-undated = 未注明日期
audit-months = 按文章月份查看说法
col-month = 月份
col-articles = 文章
col-claims = 说法
col-verdicts = 结论
