"""Words the generator draws from: products, carriers, feedback comments, by language.

Some names start with ``@``, ``+`` or ``-`` on purpose: real product names and comments do,
and they must stay text all the way through (never a spreadsheet formula).
"""

from __future__ import annotations

PRODUCTS: dict[str, list[tuple[str, str]]] = {
    # (product name, product category)
    "en": [
        ("Stainless Steel Electric Kettle 1.7L", "Kitchen"),
        ("Bamboo Cutting Board Set (3 pieces)", "Kitchen"),
        ("Digital Kitchen Scale, 5 kg", "Kitchen"),
        ("Insulated Travel Mug 16 oz", "Kitchen"),
        ('Cast Iron Skillet 10"', "Kitchen"),
        ("@Home Drawer Organizer, Bamboo", "Home"),
        ("Linen Throw Pillow Cover 18x18", "Home"),
        ("LED Desk Lamp with USB Port", "Home"),
        ("Memory Foam Bath Mat", "Home"),
        ("Ceramic Plant Pot Set of 3", "Garden"),
        ("Garden Kneeler and Seat", "Garden"),
        ("Yoga Mat 6mm, Non-Slip", "Sports"),
        ("Resistance Bands, Set of 5", "Sports"),
        ("Stainless Water Bottle 32 oz", "Sports"),
        ("Wooden Puzzle Box for Kids", "Toys"),
        ("Magnetic Drawing Board", "Toys"),
        ("-20% Trial Pack Whole Bean Coffee", "Grocery"),
        ("Organic Matcha Powder 100g", "Grocery"),
        ("Silicone Baking Mat, 2-Pack", "Kitchen"),
        ("Cold Brew Coffee Maker 1L", "Kitchen"),
    ],
    "de": [
        ("Wasserkocher Edelstahl 1,7 L", "Küche"),
        ("Schneidebrett Bambus (3er-Set)", "Küche"),
        ("Küchenwaage digital, 5 kg", "Küche"),
        ("Thermobecher 450 ml – auslaufsicher", "Küche"),
        ("Gusseisenpfanne 26 cm", "Küche"),
        ("Gewürzregal für Schränke", "Küche"),
        ("Kissenbezug Leinen 45×45", "Wohnen"),
        ("Schreibtischlampe LED mit USB", "Wohnen"),
        ("Badematte aus Memory-Schaum", "Wohnen"),
        ("Übertopf Keramik, 3er-Set", "Garten"),
        ("Yogamatte 6 mm, rutschfest", "Sport"),
        ("Trinkflasche Edelstahl 1 L", "Sport"),
        ("Holzpuzzle für Kinder", "Spielzeug"),
        ("Bio-Matcha-Pulver 100 g", "Lebensmittel"),
        ("Größenverstellbarer Topfdeckel", "Küche"),
    ],
    "ja": [
        ("ステンレス電気ケトル 1.0L", "キッチン"),
        ("竹製まな板 3枚セット", "キッチン"),
        ("デジタルキッチンスケール 2kg", "キッチン"),
        ("保温タンブラー 500ml", "キッチン"),
        ("抹茶碗 茶筅付き", "キッチン"),
        ("収納ボックス 折りたたみ式", "ホーム"),
        ("LEDデスクライト USB付き", "ホーム"),
        ("珪藻土バスマット", "ホーム"),
        ("ヨガマット 6mm 滑り止め", "スポーツ"),
        ("木製パズル 子供用", "おもちゃ"),
        ("有機抹茶パウダー 100g", "食品"),
        ("急須 常滑焼 300ml", "キッチン"),
    ],
}

CARRIERS: dict[str, list[str]] = {
    "US": ["USPS", "UPS", "FedEx", "SwiftPost"],
    "DE": ["DHL", "Hermes", "DPD", "GLS"],
    "UK": ["Royal Mail", "DPD", "Evri", "Yodel"],
    "JP": ["ヤマト運輸", "佐川急便", "日本郵便", "西濃運輸"],
}
"""Carriers by marketplace; the fourth is the one a planted cause may pick on."""

SHIP_METHODS = ("Standard", "Expedited")

COMMENTS: dict[str, dict[str, list[str]]] = {
    "en": {
        "late": [
            "Arrived a week late.",
            "Took forever to arrive, well past the delivery date.",
            "Late delivery, needed it for a birthday.",
        ],
        "not_received": [
            "Never received my order.",
            "Package never arrived and no update on tracking.",
        ],
        "damaged": [
            "Item arrived damaged, box crushed.",
            "Broken on arrival, poor packaging.",
            "- box torn open, item scratched",
        ],
        "wrong_item": ["Sent the wrong item.", "Received a different colour than ordered."],
        "not_as_described": [
            "Not as described, much smaller than the photos.",
            "Material feels cheap, not what the listing says.",
        ],
        "product_review": [
            "Stopped working after two days.",
            "Too loud and the lid does not close well.",
        ],
        "customer_service": [
            "Seller never answered my messages.",
            "No reply to my question about a return.",
        ],
        "neutral": ["OK but shipping was slow.", "Item fine, packaging could be better."],
    },
    "de": {
        "late": ["Kam eine Woche zu spät.", "Lieferung verspätet, sehr ärgerlich."],
        "not_received": ["Nie erhalten.", "Paket ist nie angekommen."],
        "damaged": ["Artikel beschädigt angekommen.", "Karton zerdrückt, Deckel gebrochen."],
        "wrong_item": ["Falscher Artikel geliefert."],
        "not_as_described": ["Entspricht nicht der Beschreibung, viel kleiner."],
        "product_review": ["Nach zwei Tagen kaputt. Qualität mäßig."],
        "customer_service": ["Verkäufer antwortet nicht auf Nachrichten."],
        "neutral": ["Okay, aber der Versand dauerte lange."],
    },
    "ja": {
        "late": ["配送が遅れました。", "お届け予定日を大幅に過ぎて届きました。"],
        "not_received": ["商品が届きません。"],
        "damaged": ["箱が潰れて商品が破損していました。"],
        "wrong_item": ["違う商品が届きました。"],
        "not_as_described": ["説明と違う商品でした。"],
        "product_review": ["すぐに壊れました。品質が悪いです。"],
        "customer_service": ["出品者から返信がありません。"],
        "neutral": ["普通です。梱包がもう少し丁寧だと良いです。"],
    },
}
"""Feedback comments by language and category (categories as the cause explorer names them)."""

STATES: dict[str, list[str]] = {
    "US": ["CA", "TX", "NY", "FL", "WA", "IL", "PA", "OH", "GA", "NC"],
    "DE": ["Bayern", "Berlin", "Hamburg", "Hessen", "Sachsen", "Nordrhein-Westfalen"],
    "UK": ["London", "Greater Manchester", "West Midlands", "Kent", "Essex"],
    "JP": ["東京都", "大阪府", "神奈川県", "愛知県", "北海道", "福岡県"],
}
