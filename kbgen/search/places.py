"""Places a shopper names → the country a help center names: "I live in Helsinki" asks what an
entry about Finland answers ("Can I order from Finland?", "Do you ship to Finland?").

Shipping, payment and eligibility entries name countries; a shopper names their city, or says
what they are ("I'm Finnish"). This table maps the capitals and largest cities of the countries
shops most often ship to, and their demonyms, to the country's name, in English and Simplified
Chinese, for the everyday table (:mod:`kbgen.search.everyday`): one way only (a page about
Finland is not about Helsinki), at the everyday weight, and shipped only for the countries an
index's own text names (:meth:`kbgen.search.everyday.Everyday.table_for`).

Curated rather than taken from a gazetteer (GeoNames has every town): a town named like an
everyday word ("Mobile", "Reading", "Nice", "Cork", 汉堡 Hamburg = hamburger, 马赛 Marseille in
马赛克 mosaic) would make every question with that word ask about a country. Taiwan's names
for places differ from the mainland's (雪梨 for 悉尼, 義大利 for 意大利): both are listed, in the
script they are written in (the tokenizer folds Traditional to Simplified). A country's name
is matched by its terms, so multi-word English names are given by their distinctive word ("usa",
"korea"), and a Chinese name's bigram that another country's name has too (大利 of 意大利 and
澳大利亚) names neither (:func:`table`).
"""

from __future__ import annotations

from collections.abc import Mapping

from kbgen.search import terms as tokenize

COUNTRIES: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    # (the country's names as writers write them), (its cities and demonyms, English), (中文)
    (
        ("usa", "america", "美国"),
        (
            "new york",
            "los angeles",
            "chicago",
            "san francisco",
            "boston",
            "seattle",
            "houston",
            "american",
            "americans",
        ),
        ("纽约", "洛杉矶", "芝加哥", "旧金山", "波士顿", "西雅图"),
    ),
    (
        ("uk", "britain", "england", "英国"),
        ("london", "manchester", "birmingham", "edinburgh", "glasgow", "liverpool", "british"),
        ("伦敦", "曼彻斯特", "伯明翰", "爱丁堡", "格拉斯哥", "利物浦"),
    ),
    (
        ("canada", "加拿大"),
        ("toronto", "montreal", "vancouver", "ottawa", "calgary", "canadian"),
        ("多伦多", "蒙特利尔", "温哥华", "渥太华", "卡尔加里"),
    ),
    (
        ("australia", "澳大利亚", "澳洲"),
        ("sydney", "melbourne", "brisbane", "canberra", "adelaide", "australian"),
        ("悉尼", "墨尔本", "布里斯班", "堪培拉", "阿德莱德", "雪梨", "布里斯本", "坎培拉", "阿得雷德"),
    ),
    (
        ("zealand", "新西兰", "紐西蘭"),
        ("auckland", "wellington", "christchurch"),
        ("奥克兰", "惠灵顿", "基督城", "威靈頓"),
    ),
    (
        ("germany", "德国"),
        ("berlin", "munich", "hamburg", "frankfurt", "cologne", "stuttgart", "german", "germans"),
        ("柏林", "慕尼黑", "法兰克福", "科隆", "斯图加特"),
    ),
    (
        ("france", "法国"),
        ("paris", "lyon", "marseille", "toulouse", "bordeaux"),
        ("巴黎", "图卢兹", "波尔多"),
    ),
    (
        ("spain", "西班牙"),
        ("madrid", "barcelona", "valencia", "seville", "spanish"),
        ("马德里", "巴塞罗那", "瓦伦西亚", "塞维利亚", "巴塞隆納"),
    ),
    (
        ("italy", "意大利", "義大利"),
        ("rome", "milan", "naples", "turin", "florence", "venice", "italian", "italians"),
        ("米兰", "那不勒斯", "都灵", "佛罗伦萨", "威尼斯"),
    ),
    (
        ("netherlands", "holland", "荷兰"),
        ("amsterdam", "rotterdam", "the hague", "utrecht", "dutch"),
        ("阿姆斯特丹", "鹿特丹", "海牙", "乌得勒支"),
    ),
    (("belgium", "比利时"), ("brussels", "antwerp", "ghent", "belgian"), ("布鲁塞尔", "安特卫普", "根特")),
    (
        ("switzerland", "瑞士"),
        ("zurich", "geneva", "bern", "basel", "lausanne", "swiss"),
        ("苏黎世", "日内瓦", "伯尔尼", "巴塞尔", "洛桑"),
    ),
    (
        ("austria", "奥地利"),
        ("vienna", "salzburg", "innsbruck", "austrian"),
        ("维也纳", "萨尔茨堡", "因斯布鲁克"),
    ),
    (("sweden", "瑞典"), ("stockholm", "gothenburg", "malmo", "swedish"), ("斯德哥尔摩", "哥德堡", "马尔默")),
    (("norway", "挪威"), ("oslo", "bergen", "trondheim", "norwegian"), ("奥斯陆", "卑尔根", "特隆赫姆")),
    (("denmark", "丹麦"), ("copenhagen", "aarhus", "danish"), ("哥本哈根", "奥胡斯")),
    (
        ("finland", "芬兰"),
        ("helsinki", "espoo", "tampere", "turku", "finnish"),
        ("赫尔辛基", "埃斯波", "坦佩雷", "图尔库"),
    ),
    (("iceland", "冰岛"), ("reykjavik", "icelandic"), ("雷克雅未克",)),
    (("ireland", "爱尔兰"), ("dublin", "galway", "irish"), ("都柏林", "戈尔韦")),
    (("portugal", "葡萄牙"), ("lisbon", "porto", "portuguese"), ("里斯本", "波尔图")),
    (
        ("poland", "波兰"),
        ("warsaw", "krakow", "wroclaw", "gdansk"),
        ("华沙", "克拉科夫", "弗罗茨瓦夫", "格但斯克"),
    ),
    (("czech", "czechia", "捷克"), ("prague", "brno"), ("布拉格", "布尔诺")),
    (("greece", "希腊"), ("athens", "thessaloniki", "greek"), ("雅典", "塞萨洛尼基")),
    (("hungary", "匈牙利"), ("budapest", "hungarian"), ("布达佩斯",)),
    (("romania", "罗马尼亚"), ("bucharest", "romanian"), ("布加勒斯特",)),
    (
        ("russia", "俄罗斯"),
        ("moscow", "saint petersburg", "st petersburg", "russian"),
        ("莫斯科", "圣彼得堡"),
    ),
    (
        ("ukraine", "乌克兰"),
        ("kyiv", "kiev", "kharkiv", "odesa", "odessa", "lviv", "ukrainian"),
        ("基辅", "哈尔科夫", "敖德萨", "利沃夫"),
    ),
    (("turkey", "土耳其"), ("istanbul", "ankara", "izmir"), ("伊斯坦布尔", "安卡拉", "伊兹密尔")),
    (("israel", "以色列"), ("tel aviv", "jerusalem", "haifa", "israeli"), ("特拉维夫", "耶路撒冷", "海法")),
    (("uae", "emirates", "阿联酋"), ("dubai", "abu dhabi"), ("迪拜", "阿布扎比", "杜拜")),
    (
        ("india", "印度"),
        ("mumbai", "delhi", "bangalore", "bengaluru", "chennai", "kolkata", "hyderabad", "indian"),
        ("孟买", "新德里", "班加罗尔", "金奈", "加尔各答", "海得拉巴"),
    ),
    (
        ("china", "中国", "中国大陆"),
        ("beijing", "shanghai", "shenzhen", "guangzhou", "hangzhou", "chengdu"),
        ("北京", "上海", "深圳", "广州", "杭州", "成都"),
    ),
    (("taiwan", "台湾"), ("taipei", "kaohsiung", "taichung", "taiwanese"), ("台北", "高雄", "台中")),
    (("japan", "日本"), ("tokyo", "osaka", "kyoto", "yokohama", "japanese"), ("东京", "大阪", "横滨")),
    (("korea", "韩国"), ("seoul", "busan", "incheon", "korean"), ("首尔", "釜山", "仁川")),
    (("malaysia", "马来西亚"), ("kuala lumpur", "penang", "malaysian"), ("吉隆坡", "槟城")),
    (("thailand", "泰国"), ("bangkok", "chiang mai", "phuket"), ("曼谷", "清迈", "普吉")),
    (("vietnam", "越南"), ("hanoi", "ho chi minh city", "saigon", "vietnamese"), ("河内", "胡志明市")),
    (
        ("indonesia", "印尼"),
        ("jakarta", "surabaya", "bali", "indonesian"),
        ("雅加达", "泗水", "巴厘岛", "峇里島"),
    ),
    (("philippines", "菲律宾"), ("manila", "cebu", "filipino"), ("马尼拉", "宿务")),
    (
        ("brazil", "巴西"),
        ("sao paulo", "rio de janeiro", "brasilia", "brazilian"),
        ("圣保罗", "里约热内卢", "巴西利亚"),
    ),
    (
        ("mexico", "墨西哥"),
        ("mexico city", "guadalajara", "monterrey", "mexican"),
        ("墨西哥城", "瓜达拉哈拉", "蒙特雷"),
    ),
    (
        ("argentina", "阿根廷"),
        ("buenos aires", "cordoba", "argentinian", "argentine"),
        ("布宜诺斯艾利斯", "科尔多瓦"),
    ),
    (("chile", "智利"), ("santiago", "valparaiso", "chilean"), ("圣地亚哥", "瓦尔帕莱索")),
    (("colombia", "哥伦比亚"), ("bogota", "medellin", "colombian"), ("波哥大", "麦德林")),
    (("egypt", "埃及"), ("cairo", "alexandria", "egyptian"), ("开罗", "亚历山大港")),
    (("nigeria", "尼日利亚", "奈及利亞"), ("lagos", "abuja", "nigerian"), ("拉各斯", "阿布贾")),
    (("kenya", "肯尼亚", "肯亞"), ("nairobi", "mombasa", "kenyan"), ("内罗毕", "蒙巴萨", "奈洛比")),
)
"""Each country: its names as writers write them (English, Chinese), and the places and
demonyms shoppers say instead, in English and in Chinese (a Chinese demonym, 芬兰人, has the
country's name in it already)."""


def table() -> Mapping[str, tuple[str, ...]]:
    """The places as everyday words: each place or demonym → its country's names, the Chinese
    bigrams that two countries' names share left out (so 澳大利亚 does not name 意大利)."""
    bigrams: dict[str, int] = {}  # bigram → how many countries' names have it
    for names, _, _ in COUNTRIES:
        for term in {t for name in names for t in tokenize.terms(name) if tokenize.is_cjk(t[0])}:
            bigrams[term] = bigrams.get(term, 0) + 1
    out: dict[str, tuple[str, ...]] = {}
    for names, english, chinese in COUNTRIES:
        writers = tuple(
            dict.fromkeys(
                w
                for name in names
                for w in (
                    [name]
                    if not tokenize.is_cjk(name[0])
                    else [t for t in tokenize.terms(name) if bigrams[t] == 1]
                )
            )
        )
        for place in (*english, *chinese):
            out[place] = writers
    return out


PLACES: Mapping[str, tuple[str, ...]] = table()
