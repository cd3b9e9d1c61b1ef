"""Certificate codes: 95 random bits in Crockford base32, a mod-37 check symbol catching
typos, and forgiving reading."""

import pytest

from lms.certificates.codes import (
    ALPHABET,
    CHECK_ALPHABET,
    CodeError,
    check_symbol,
    code_format,
    code_generate,
    code_normalise,
)


def test_a_code_has_nineteen_symbols_and_its_check_symbol():
    code = code_generate()

    assert len(code) == 20
    assert all(symbol in ALPHABET for symbol in code[:19])
    assert code[19] == check_symbol(code[:19])
    assert code_normalise(code) == code


def test_codes_carry_at_least_80_random_bits():
    assert 19 * 5 >= 80
    codes = {code_generate() for _ in range(2000)}
    assert len(codes) == 2000


def test_a_code_prints_in_five_groups_of_four():
    code = code_generate()
    printed = code_format(code)

    assert printed.count("-") == 4
    assert [len(group) for group in printed.split("-")] == [4, 4, 4, 4, 4]


def test_crockford_check_symbol_is_the_value_modulo_37():
    # 0 → "0"; "1" * n has value (32**n - 1) / 31.
    assert check_symbol("0") == "0"
    assert check_symbol("Z") == CHECK_ALPHABET[31]
    assert check_symbol("10") == CHECK_ALPHABET[32 % 37] == "*"
    value = sum(31 * 32**k for k in range(19))
    assert check_symbol("Z" * 19) == CHECK_ALPHABET[value % 37]


def test_reading_ignores_case_separators_and_look_alike_letters():
    code = code_generate()
    typed = code_format(code).lower().replace("-", " - ")
    typed = typed.replace("1", "l").replace("0", "o")

    assert code_normalise(typed) == code
    assert code_normalise("  " + code_format(code) + "\n") == code


@pytest.mark.parametrize("seed", range(5))
def test_every_single_character_typo_is_caught(seed):
    code = code_generate()
    for position in range(19):
        for symbol in ALPHABET:
            if symbol == code[position]:
                continue
            typo = code[:position] + symbol + code[position + 1 :]
            with pytest.raises(CodeError) as error:
                code_normalise(typo)
            assert error.value.code == "check"


@pytest.mark.parametrize("seed", range(5))
def test_every_transposition_of_neighbours_is_caught(seed):
    code = code_generate()
    for position in range(18):
        a, b = code[position], code[position + 1]
        if a == b:
            continue
        swapped = code[:position] + b + a + code[position + 2 :]
        with pytest.raises(CodeError) as error:
            code_normalise(swapped)
        assert error.value.code == "check"


@pytest.mark.parametrize(
    "typed", ["", "ABCD", "ABCD-EFGH-JKMN-PQRS-TVWX-YZ12", "ABCD-EFGH-JKMN-PQRS-TVW!"]
)
def test_malformed_codes_are_refused_with_a_message(typed):
    with pytest.raises(CodeError) as error:
        code_normalise(typed)

    assert error.value.code == "format"
    assert error.value.message


def test_u_is_only_a_check_symbol():
    code = code_generate()
    with pytest.raises(CodeError) as error:
        code_normalise("U" + code[1:])
    assert error.value.code == "format"
