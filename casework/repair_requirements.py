"""What a repair application must contain, stated once for the repair notice, the portal form
and the service (《信用修复管理办法》（国家发展改革委令第36号）and 国办发〔2025〕22号: the conduct
corrected and the legal duties performed, shown by proof, and a public credit commitment;
docs/rules.md gives the sources and which article numbers we could not read)."""

# The commitment the subject accepts by ticking the box; the exact text is kept with the case.
COMMITMENT_TEXT = (
    "本单位承诺：已纠正失信行为、履行相关法定责任义务，所提交材料真实有效；"
    "今后依法依规履行义务，严格履行本承诺，接受社会监督；本承诺公开。如有虚假，愿承担相应责任。"
)

APPLICATION_MATERIALS = (
    "信用修复申请，写明纠正失信行为、主动挽回损失、消除不良影响或者有效阻止危害结果发生的情况",
    "法定责任义务履行完毕的证明材料（如付款凭证、整改完成的证明）",
    "加盖公章的信用承诺书，承诺内容将予公开",
)

# What is said when one is missing: by the service, and by the portal form that checks all at once.
MISSING_COMMITMENT = "请阅读信用承诺内容并勾选确认。"
MISSING_COMMITMENT_FILE = "请上传加盖公章的信用承诺书。"
MISSING_PROOF = "请上传法定责任义务履行完毕的证明材料（如付款凭证、整改完成的证明）。"
