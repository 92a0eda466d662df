def test_world_gives_each_operator_their_own_space(world):
    from spaces import access

    assert access.runs(world.operator1, world.spaces["a"])
    assert not access.runs(world.operator1, world.spaces["b"])
