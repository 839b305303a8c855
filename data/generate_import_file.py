"""A portfolio file to import (loan.portfolio.import): fictitious Chinese debtors, one row per installment.

    python3 data/generate_import_file.py OUT.csv --rows 100000 [--bad 20] [--as-of 2026-03-01]
    python3 data/generate_import_file.py data/portfolio_sample.xlsx --rows 60 --bad 1

Each contract is a 12-month equal-principal loan (等额本金) at 10.8 % a year, disbursed on a day
before AS_OF: the installments due before AS_OF are paid (the last of them only partly, on one
contract in four), the later ones are open. One contract in three has a joint guarantor (often
the borrower of another contract, so debtors are shared). `--bad K` spoils K contracts with one
bad row each (an impossible date, a wrong ID number, a paid amount above the amount due), which
the import rejects as a whole. The names, ID numbers (valid GB 11643 check digits) and phone
numbers are made up. Needs no Odoo (XLSX output needs XlsxWriter, in the virtualenv).
"""
import argparse
import csv
import datetime
import sys

HEADER = ["合同编号", "借款人", "借款人证件类型", "借款人证件号码", "借款人电话", "借款人地址", "产品代码", "合同金额",
          "年利率", "逾期利率", "还款方式", "放款日", "合同到期日", "保证人", "保证人证件号码", "保证方式", "期数",
          "应还日期", "应还本金", "应还利息", "已还本金", "已还利息", "还款日期", "实际放款金额", "实际放款日"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬建国建华志强志明海燕雪梅春梅晓东文博子涵浩然思远"
CITIES = [("330106", "浙江省杭州市西湖区"), ("330102", "浙江省杭州市上城区"), ("320106", "江苏省南京市鼓楼区"),
          ("310104", "上海市徐汇区"), ("440305", "广东省深圳市南山区"), ("510107", "四川省成都市武侯区"),
          ("420106", "湖北省武汉市武昌区"), ("370102", "山东省济南市历下区")]
STREETS = ["文三路", "教工路", "中山北路", "漕溪北路", "科技园路", "人民南路", "中南路", "泉城路"]
CHECK = "10X98765432"
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
MONTHS = 12
RATE = 10.8


def resident_id(k):
    """A valid, made-up resident ID number for person k (unique for k < 8 * 3650 * 999)."""
    region = CITIES[k % len(CITIES)][0]
    birth = datetime.date(1965, 1, 1) + datetime.timedelta(days=(k // len(CITIES)) % 12000)
    first17 = "%s%s%03d" % (region, birth.strftime("%Y%m%d"), 1 + (k // len(CITIES) // 12000) % 999)
    return first17 + CHECK[sum(int(c) * w for c, w in zip(first17, WEIGHTS)) % 11]


def person(k):
    name = SURNAMES[k % len(SURNAMES)] + GIVEN[(k * 7) % len(GIVEN)] + GIVEN[(k * 13 + 3) % len(GIVEN)]
    city = CITIES[k % len(CITIES)][1]
    return (name, resident_id(k), "1%d%09d" % (3 + k % 7, (k * 7919) % 10 ** 9),
            "%s%s%d号" % (city, STREETS[k % len(STREETS)], 1 + k % 300))


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, 28))


def contract_rows(c, as_of, months=MONTHS):
    """The rows of contract c (1, 2, ...), a loan of `months` months."""
    borrower = person(2 * c)
    guarantor = person(2 * c - 1 if c % 2 else 2 * c + 2) if c % 3 == 0 else None
    principal = 12000 + (c % 40) * 3000
    disbursed = as_of - datetime.timedelta(days=30 + (c * 17) % 330)
    maturity = add_months(disbursed, months)
    part = round(principal / months, 2)
    # What the bank paid out (实际放款金额): on one contract in seven, 2 % of fees were deducted first.
    paid_out = principal * 0.98 if c % 7 == 0 else principal
    rows, balance = [], principal
    for n in range(1, months + 1):
        due = add_months(disbursed, n)
        principal_part = part if n < months else round(balance, 2)
        interest = round(balance * RATE / 100 / 12, 2)
        balance = round(balance - principal_part, 2)
        paid_p = paid_i = ""
        paid_date = ""
        if due < as_of:
            paid_p, paid_i = principal_part, interest
            paid_date = (due - datetime.timedelta(days=c % 3)).isoformat()
            if c % 4 == 0 and add_months(disbursed, n + 1) >= as_of:
                paid_p, paid_i = round(principal_part / 2, 2), 0  # partly paid, then in arrears
            elif c % 5 == 0 and add_months(disbursed, n + 2) >= as_of:
                paid_p = paid_i = paid_date = ""  # unpaid: overdue
        rows.append(["HT%07d" % c, borrower[0], "居民身份证", borrower[1], borrower[2], borrower[3], "DB",
                     "%.2f" % principal, RATE, "", "等额本金", disbursed.isoformat(), maturity.isoformat(),
                     guarantor[0] if guarantor else "", guarantor[1] if guarantor else "",
                     "连带责任保证" if guarantor else "", n, due.isoformat(), "%.2f" % principal_part, "%.2f" % interest,
                     paid_p, paid_i, paid_date, "%.2f" % paid_out, disbursed.isoformat()])
    return rows


def spoil(rows, c):
    """One bad row in the contract: what a real file has."""
    row = rows[c % len(rows)]
    kind = c % 3
    if kind == 0:
        row[17] = row[17][:5] + "13-40"            # no such date
    elif kind == 1:
        for r in rows:
            r[3] = r[3][:-1] + ("0" if r[3][-1] != "0" else "1")   # wrong check digit
    else:
        row[20] = "%.2f" % (float(row[18]) + 100)  # more paid than due


def generate(rows_wanted, bad, as_of):
    table, c = [], 0
    spoiled = set(range(2, 2 + bad * 13, 13)) if bad else set()
    while len(table) < rows_wanted:
        c += 1
        rows = contract_rows(c, as_of, min(MONTHS, rows_wanted - len(table)))
        if c in spoiled:
            spoil(rows, c)
        table.extend(rows)
    return table


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out")
    parser.add_argument("--rows", type=int, default=100000)
    parser.add_argument("--bad", type=int, default=0, help="contracts with one bad row")
    parser.add_argument("--as-of", default="2026-03-01", help="installments due before it are paid")
    args = parser.parse_args(argv)
    table = generate(args.rows, args.bad, datetime.datetime.strptime(args.as_of, "%Y-%m-%d").date())
    if args.out.endswith(".xlsx"):
        import xlsxwriter
        book = xlsxwriter.Workbook(args.out)
        sheet = book.add_worksheet("分期")
        for r, row in enumerate([HEADER] + table):
            for col, value in enumerate(row):
                sheet.write_string(r, col, str(value)) if isinstance(value, str) else sheet.write_number(r, col, value)
        book.close()
    else:
        with open(args.out, "w", newline="", encoding="utf-8") as stream:
            writer = csv.writer(stream)
            writer.writerow(HEADER)
            writer.writerows(table)
    print("rows=%s contracts=%s" % (len(table), len({row[0] for row in table})))


if __name__ == "__main__":
    main(sys.argv[1:])
