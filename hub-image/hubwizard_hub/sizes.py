"""Server sizes: the CPU and memory people may choose for their own Fargate task when it starts.

Hub Wizard passes them as ``HUB_SERVER_SIZES``, ``Small=0.5/1, Medium=1/4, Large=4/16`` (a name, then
vCPU/GB), the first being the default. Only the pairs Fargate runs are accepted, so that a choice never
fails at RunTask; the chosen one goes to RunTask as the task-level cpu/memory override.
"""
import html
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .problems import SpawnProblem

# Fargate's task sizes (Linux): CPU units -> the memory sizes (MiB) allowed with them.
FARGATE_MEMORY = {
    256: (512, 1024, 2048),
    512: tuple(range(1024, 4096 + 1, 1024)),
    1024: tuple(range(2048, 8192 + 1, 1024)),
    2048: tuple(range(4096, 16384 + 1, 1024)),
    4096: tuple(range(8192, 30720 + 1, 1024)),
    8192: tuple(range(16384, 61440 + 1, 4096)),
    16384: tuple(range(32768, 122880 + 1, 8192)),
}
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._()+-]{0,39}", re.ASCII)


class BadSize(SpawnProblem, ValueError):
    pass


@dataclass(frozen=True)
class ServerSize:
    name: str
    cpu: int  # CPU units, 1024 to a vCPU
    memory: int  # MiB

    @property
    def label(self):
        return f"{self.name}: {_number(Decimal(self.cpu) / 1024)} vCPU, {_number(Decimal(self.memory) / 1024)} GB memory"

    def overrides(self):
        """RunTask's task-level overrides: strings, as ECS takes them."""
        return {"cpu": str(self.cpu), "memory": str(self.memory)}


def _number(value):
    return format(value.normalize(), "f")


def size(name, vcpu, gigabytes):
    """A size from vCPU and GB, checked against what Fargate runs."""
    if not _NAME.fullmatch(name):
        raise BadSize(f"{name!r} is not a size name (letters, digits, spaces and ._()+-, at most 40, "
                      "starting with a letter or digit)")
    try:
        cpu = Decimal(vcpu) * 1024
        memory = Decimal(gigabytes) * 1024
    except InvalidOperation:
        raise BadSize(f"size {name}: {vcpu!r}/{gigabytes!r} is not vCPU/GB, e.g. 1/4") from None
    if cpu != cpu.to_integral_value() or int(cpu) not in FARGATE_MEMORY:
        raise BadSize(f"size {name}: Fargate runs 0.25, 0.5, 1, 2, 4, 8 or 16 vCPU, not {vcpu}")
    allowed = FARGATE_MEMORY[int(cpu)]
    if memory != memory.to_integral_value() or int(memory) not in allowed:
        choices = ", ".join(_number(Decimal(m) / 1024) for m in (allowed[0], allowed[-1]))
        raise BadSize(f"size {name}: with {vcpu} vCPU Fargate runs {choices.replace(', ', ' to ')} GB "
                      f"(in steps of {_number(Decimal(allowed[1] - allowed[0]) / 1024)} GB), not {gigabytes} GB")
    return ServerSize(name, int(cpu), int(memory))


def parse(text):
    """``Small=0.5/1, Medium=1/4`` -> sizes, in order; names are unique."""
    sizes = []
    for entry in (e.strip() for e in text.split(",")):
        if not entry:
            continue
        name, equals, amounts = entry.partition("=")
        vcpu, slash, gigabytes = amounts.partition("/")
        if not equals or not slash:
            raise BadSize(f"{entry!r} is not NAME=VCPU/GB, e.g. Medium=1/4")
        new = size(name.strip(), vcpu.strip(), gigabytes.strip())
        if any(s.name.lower() == new.name.lower() for s in sizes):
            raise BadSize(f"the size name {new.name!r} is used twice")
        sizes.append(new)
    return sizes


def options_form(sizes):
    """JupyterHub's spawn options form: one radio button per size, the first chosen (Bootstrap 5, as
    JupyterHub's own pages)."""
    choices = "\n".join(
        f'<div class="form-check"><input class="form-check-input" type="radio" name="size" id="size-{i}" '
        f'value="{html.escape(s.name)}"{" checked" if i == 0 else ""}>'
        f'<label class="form-check-label" for="size-{i}">{html.escape(s.label)}</label></div>'
        for i, s in enumerate(sizes))
    return f'<fieldset class="mb-3"><legend>Server size</legend>\n{choices}\n</fieldset>'


def chosen(sizes, options):
    """The size a person chose (form or API); the first without a choice; a clear error for a wrong one."""
    name = (options or {}).get("size")
    if not sizes:
        if name:
            raise BadSize(f"this hub offers no server sizes, so {name!r} cannot be chosen")
        return None
    if not name:
        return sizes[0]
    for each in sizes:
        if each.name == name:
            return each
    raise BadSize(f"{name!r} is not one of this hub's server sizes: " + ", ".join(s.name for s in sizes))
