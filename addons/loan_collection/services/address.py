"""Postal addresses as Chinese documents write them (pure Python, no ``odoo`` import)."""


def cn_address(*parts):
    """One address line from its parts, largest first (province, city, street, street2).

    Chinese addresses are written without spaces, from the province down. The parts of an Odoo
    address often repeat each other (city "杭州市", street "杭州市西湖区文三路90号"): a part that a
    later part already contains is left out, so the line never says a place twice
    ("浙江省杭州市西湖区文三路90号", not "浙江省 杭州市 杭州市西湖区文三路90号").
    """
    cleaned = [part.strip() for part in parts if part and part.strip()]
    kept = [part for index, part in enumerate(cleaned)
            if not any(part in later for later in cleaned[index + 1:])]
    return "".join(kept)
