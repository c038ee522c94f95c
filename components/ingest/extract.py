def extract(*a): pass
def load_actors(*a): pass
