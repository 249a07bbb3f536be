"""Server sizes: only Fargate's CPU/memory pairs, parsed from HUB_SERVER_SIZES, chosen at spawn time."""
import pytest

from hubwizard_hub import sizes
from hubwizard_hub.sizes import BadSize, ServerSize


def test_sizes_are_read_in_order_as_cpu_units_and_mib():
    assert sizes.parse(" Small=0.5/1, Medium=1/4 ,Large=4/16,, XL=16/120") == [
        ServerSize("Small", 512, 1024), ServerSize("Medium", 1024, 4096), ServerSize("Large", 4096, 16384),
        ServerSize("XL", 16384, 122880)]
    assert sizes.parse("") == []


@pytest.mark.parametrize("vcpu, gb", [("0.25", "0.5"), ("0.25", "2"), ("0.5", "4"), ("1", "2"), ("2", "16"),
                                      ("4", "30"), ("8", "16"), ("8", "60"), ("16", "32"), ("16", "120")])
def test_every_edge_of_fargates_table_is_accepted(vcpu, gb):
    assert sizes.size("S", vcpu, gb).overrides() == {
        "cpu": str(int(float(vcpu) * 1024)), "memory": str(int(float(gb) * 1024))}


@pytest.mark.parametrize("entry, message", [
    ("Small=0.5/8", "size Small: with 0.5 vCPU Fargate runs 1 to 4 GB (in steps of 1 GB), not 8 GB"),
    ("Big=3/8", "size Big: Fargate runs 0.25, 0.5, 1, 2, 4, 8 or 16 vCPU, not 3"),
    ("Odd=8/18", "size Odd: with 8 vCPU Fargate runs 16 to 60 GB (in steps of 4 GB), not 18 GB"),
    ("Tiny=0.25/1.5", "with 0.25 vCPU Fargate runs 0.5 to 2 GB"),
    ("Small=half/1", "'half'/'1' is not vCPU/GB"),
    ("Small:1:4", "'Small:1:4' is not NAME=VCPU/GB, e.g. Medium=1/4"),
    ("<b>=1/4", "'<b>' is not a size name"),
    ("Small=1/4,small=2/8", "the size name 'small' is used twice"),
])
def test_a_size_fargate_does_not_run_is_refused_with_what_it_does_run(entry, message):
    with pytest.raises(BadSize, match=message.replace("(", r"\(").replace(")", r"\)")):
        sizes.parse(entry)


def test_labels_read_as_people_say_them():
    assert sizes.size("Small", "0.25", "0.5").label == "Small: 0.25 vCPU, 0.5 GB memory"
    assert sizes.size("Large", "4", "16").label == "Large: 4 vCPU, 16 GB memory"


def test_the_choice_defaults_to_the_first_size_and_refuses_unknown_ones():
    offered = sizes.parse("Small=0.5/1,Medium=1/4")
    assert sizes.chosen(offered, {}) == offered[0]
    assert sizes.chosen(offered, None) == offered[0]
    assert sizes.chosen(offered, {"size": "Medium"}) == offered[1]
    with pytest.raises(BadSize, match="'medium' is not one of this hub's server sizes: Small, Medium"):
        sizes.chosen(offered, {"size": "medium"})
    assert sizes.chosen([], {}) is None
    with pytest.raises(BadSize, match="offers no server sizes"):
        sizes.chosen([], {"size": "Small"})


def test_the_form_escapes_what_it_shows():
    form = sizes.options_form([ServerSize("A&B (fast)", 1024, 2048)])
    assert 'value="A&amp;B (fast)"' in form and "A&amp;B (fast): 1 vCPU, 2 GB memory" in form
