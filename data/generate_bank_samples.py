"""Writes the sample bank statement exports in addons/loan_collection/data/bank_statements/, one
per shipped layout (data/loan_bank_layout_data.xml) and one CAMT.053 statement (boc_camt053_sample.xml,
read by OCA's parser), each with the same six transactions in that bank's columns, encoding and
date format:

1. 测试借款人甲 pays 3,000.00 ("还款"): matched by the payer's name;
2. 王小明 pays 5,000.00 for her, writing her ID number in the memo: matched by the ID number;
3. 测试担保人乙 pays 2,000.00 ("担保代偿"): matched to a guarantor by name;
4. a company pays 12,000.00 of 货款: matches nothing;
5. the bank's fee, 15.00 out: money out, not matched;
6. a court pays out 8,000.00 of 执行款 with its case number in the memo.

The names are the test fixtures' (addons/loan_collection/tests/common.py). Run it again after
changing a transaction: .venv/bin/python data/generate_bank_samples.py
"""
import csv
import datetime
import io
import os

import xlsxwriter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "addons", "loan_collection", "data", "bank_statements")
OWN_ACCOUNT = "1202020109900012345"
OWN_NAME = "浙江信达小额贷款股份有限公司"

# (date, serial, counterparty, counterparty account, income, expense, memo, 附言)
TRANSACTIONS = [
    ("2026-11-23", "0001", "测试借款人甲", "6222021202001234567", "3000.00", "", "跨行转入", "还款"),
    ("2026-11-24", "0002", "王小明", "6217000010002345678", "5000.00", "", "网银转入",
     "代测试借款人甲还款 身份证110105198503120012"),
    ("2026-11-25", "0003", "测试担保人乙", "6228480402564890018", "2000.00", "", "转账", "担保代偿"),
    ("2026-11-26", "0004", "杭州云帆科技有限公司", "571908765410201", "12000.00", "", "转账", "货款"),
    ("2026-11-27", "0005", "", "", "", "15.00", "手续费", "对公账户管理费"),
    ("2026-11-27", "0006", "杭州市西湖区人民法院", "1202021209900088888", "8000.00", "", "执行款",
     "（2026）浙0106执1234号 执行款发放"),
]
OPENING = 100000  # the balance before the first line


def balances():
    balance, out = OPENING * 100, []
    for t in TRANSACTIONS:
        balance += int(float(t[4] or 0) * 100) - int(float(t[5] or 0) * 100)
        out.append("%.2f" % (balance / 100.0))
    return out


def d(text, fmt):
    return datetime.datetime.strptime(text, "%Y-%m-%d").strftime(fmt)


def icbc():
    """中国工商银行 企业网银 账户明细 (.csv, GB18030): 交易日期 20261123."""
    rows = [["中国工商银行 账户明细"], ["账号：%s" % OWN_ACCOUNT], ["户名：%s" % OWN_NAME],
            ["起止日期：2026-11-23 至 2026-11-27"], [],
            ["交易日期", "交易流水号", "对方户名", "对方账号", "借方发生额", "贷方发生额", "余额", "摘要", "附言"]]
    for t, bal in zip(TRANSACTIONS, balances()):
        rows.append([d(t[0], "%Y%m%d"), "ICBC2026" + d(t[0], "%m%d") + t[1], t[2], t[3], t[5], t[4], bal,
                     t[6], t[7]])
    rows.append(["合计", "", "", "", "15.00", "30000.00", "", "", ""])
    return rows


def ccb():
    """中国建设银行 网上银行 账户明细 (.csv, GB18030): 交易时间 2026-11-23 10:15:02."""
    rows = [["账号", OWN_ACCOUNT, "账户名称", OWN_NAME], [],
            ["交易时间", "借方发生额（支取）", "贷方发生额（收入）", "余额", "币种", "对方户名", "对方账号",
             "对方开户机构", "摘要", "备注", "账户明细编号-交易流水号"]]
    for t, bal in zip(TRANSACTIONS, balances()):
        rows.append([t[0] + " 10:%s:02" % t[1][-2:], t[5], t[4], bal, "人民币", t[2], t[3], "", t[6], t[7],
                     "CCB-%s-%s" % (d(t[0], "%Y%m%d"), t[1])])
    return rows


def abc():
    """中国农业银行 企业网银 (.csv, UTF-8): 交易日期 2026/11/23."""
    rows = [["账户：%s" % OWN_ACCOUNT],
            ["交易日期", "收入金额", "支出金额", "账户余额", "对方户名", "对方账号", "交易用途", "交易附言",
             "交易流水号"]]
    for t, bal in zip(TRANSACTIONS, balances()):
        rows.append([d(t[0], "%Y/%m/%d"), t[4], t[5], bal, t[2], t[3], t[6], t[7], "ABC%s%s" % (
            d(t[0], "%Y%m%d"), t[1])])
    return rows


def cmb_xlsx(path):
    """招商银行 企业网银 交易明细 (.xlsx): 交易日 as a date cell."""
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("交易明细")
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, ["账号：%s" % OWN_ACCOUNT])
    header = ["交易日", "借方金额", "贷方金额", "余额", "摘要", "用途", "流水号", "收/付方名称", "收/付方帐号"]
    sheet.write_row(2, 0, header)
    for index, (t, bal) in enumerate(zip(TRANSACTIONS, balances())):
        row = 3 + index
        sheet.write_datetime(row, 0, datetime.datetime.strptime(t[0], "%Y-%m-%d"), date_format)
        for column, value in ((1, t[5]), (2, t[4]), (3, bal)):
            if value:
                sheet.write_number(row, column, float(value))
        sheet.write_row(row, 4, [t[6], t[7], "CMB%s%s" % (d(t[0], "%Y%m%d"), t[1]), t[2], t[3]])
    book.close()


def boc_camt(path):
    """中国银行 (global cash management) ISO 20022 camt.053.001.02: the bank's reference (AcctSvcrRef)
    of each entry is its serial number; the counterparty's account under Othr/Id."""
    from xml.sax.saxutils import escape
    entries = []
    for t, bal in zip(TRANSACTIONS, balances()):
        credit = bool(t[4])
        party = "Dbtr" if credit else "Cdtr"
        entries.append("""
            <Ntry>
                <Amt Ccy="CNY">{amount}</Amt>
                <CdtDbtInd>{ind}</CdtDbtInd>
                <Sts>BOOK</Sts>
                <BookgDt><Dt>{date}</Dt></BookgDt>
                <ValDt><Dt>{date}</Dt></ValDt>
                <AcctSvcrRef>BOC{serial}</AcctSvcrRef>
                <NtryDtls>
                    <TxDtls>
                        <Refs><AcctSvcrRef>BOC{serial}</AcctSvcrRef></Refs>
                        <AmtDtls><TxAmt><Amt Ccy="CNY">{amount}</Amt></TxAmt></AmtDtls>
                        <RltdPties>
                            <{party}><Nm>{name}</Nm></{party}>
                            <{party}Acct><Id><Othr><Id>{account}</Id></Othr></Id></{party}Acct>
                        </RltdPties>
                        <RmtInf><Ustrd>{memo}</Ustrd></RmtInf>
                    </TxDtls>
                </NtryDtls>
            </Ntry>""".format(amount=t[4] or t[5], ind="CRDT" if credit else "DBIT", date=t[0],
                              serial=d(t[0], "%Y%m%d") + t[1], party=party, name=escape(t[2] or "中国银行"),
                              account=t[3] or OWN_ACCOUNT, memo=escape(t[7] or t[6])))
    text = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
    <BkToCstmrStmt>
        <GrpHdr><MsgId>BOC20261127001</MsgId><CreDtTm>2026-11-28T08:00:00</CreDtTm></GrpHdr>
        <Stmt>
            <Id>BOC-{account}-20261127</Id>
            <CreDtTm>2026-11-28T08:00:00</CreDtTm>
            <Acct><Id><Othr><Id>{account}</Id></Othr></Id><Ccy>CNY</Ccy><Nm>{own}</Nm></Acct>
            <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">{opening:.2f}</Amt>
                <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-23</Dt></Dt></Bal>
            <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">{closing}</Amt>
                <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-27</Dt></Dt></Bal>{entries}
        </Stmt>
    </BkToCstmrStmt>
</Document>
""".format(account=OWN_ACCOUNT, own=OWN_NAME, opening=OPENING, closing=balances()[-1], entries="".join(entries))
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def write_csv(path, rows, encoding):
    stream = io.StringIO()
    csv.writer(stream, lineterminator="\r\n").writerows(rows)
    with open(path, "wb") as f:
        f.write(stream.getvalue().encode(encoding))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    write_csv(os.path.join(OUT, "icbc_sample.csv"), icbc(), "gb18030")
    write_csv(os.path.join(OUT, "ccb_sample.csv"), ccb(), "gb18030")
    write_csv(os.path.join(OUT, "abc_sample.csv"), abc(), "utf-8-sig")
    cmb_xlsx(os.path.join(OUT, "cmb_sample.xlsx"))
    boc_camt(os.path.join(OUT, "boc_camt053_sample.xml"))
    print("written in", os.path.normpath(OUT))
